"""Archived categories answer 410 like other archived items; "Last reviewed" is only ever a real review."""

import datetime

import pytest

from categories.content import Status
from tests.factories import make_category, make_strategy

pytestmark = pytest.mark.django_db


def test_archived_category_answers_410_linking_to_its_public_parent(client):
    parent = make_category(name="Cognition and learning", slug="cognition")
    make_category(name="Old reading", slug="old-reading", parent=parent, status=Status.ARCHIVED)
    response = client.get("/categories/old-reading/")
    assert response.status_code == 410
    assert 'href="/categories/cognition/"' in response.content.decode()
    make_category(name="Unfinished", slug="unfinished", status=Status.DRAFT)
    assert client.get("/categories/unfinished/").status_code == 404


def test_last_reviewed_is_shown_only_after_a_real_review(client, publisher):
    strategy = make_strategy(title="Movement breaks", slug="movement-breaks", categories=[make_category()])
    assert "Last reviewed" not in client.get("/strategies/movement-breaks/").content.decode()
    client.force_login(publisher)
    client.post(f"/admin/categories/strategy/{strategy.pk}/reviewed/")
    client.logout()
    page = client.get("/strategies/movement-breaks/").content.decode()
    assert "Last reviewed" in page
    assert datetime.date.today().strftime("%-d %B %Y") in page
