"""The removed-items feed lists what leaves the API's lists because a category above it was archived,
unpublished or moved out of sight, not only the category itself; publishing it again brings them back."""

import pytest
from django.utils import timezone

from categories.content import Status
from tests.factories import make_category, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver.example"


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return response.json()


def _removed(client):
    rows = [(item["type"], item["uuid"]) for item in _get(client, "/api/v1/removed/")["results"]]
    assert len(rows) == len(set(rows)), "each item is listed once"
    return set(rows)


def _listed(client, kind):
    return {item["uuid"] for item in _get(client, f"/api/v1/{kind}/?page_size=100")["results"]}


@pytest.fixture
def tree():
    area = make_category(slug="cognition", name="Cognition and learning")
    reading = make_category(slug="reading", parent=area)
    other = make_category(slug="teachers-standards")
    only_here = make_strategy(title="Paired reading", categories=[reading])
    also_elsewhere = make_strategy(title="Phonics every day", categories=[reading, other])
    return {"area": area, "reading": reading, "only_here": only_here, "also_elsewhere": also_elsewhere}


def _set_status(item, status):
    item.status = status
    item.save()


@pytest.mark.parametrize("status", [Status.ARCHIVED, Status.DRAFT])
def test_archiving_a_category_reports_what_vanishes_with_it(client, tree, status):
    _set_status(tree["area"], status)
    expected = {
        ("category", str(tree["area"].uuid)),
        ("category", str(tree["reading"].uuid)),
        ("strategy", str(tree["only_here"].uuid)),
    }
    assert _removed(client) == expected
    assert str(tree["only_here"].uuid) not in _listed(client, "strategies")
    assert str(tree["also_elsewhere"].uuid) in _listed(client, "strategies")
    assert str(tree["reading"].uuid) not in _listed(client, "categories")


def test_publishing_the_category_again_brings_them_back_as_updated(client, tree):
    _set_status(tree["area"], Status.ARCHIVED)
    before_restore = timezone.now()
    _set_status(tree["area"], Status.DRAFT)
    _set_status(tree["area"], Status.PUBLISHED)
    assert _removed(client) == set()
    since = before_restore.isoformat().replace("+00:00", "Z")
    updated = _get(client, f"/api/v1/strategies/?updated_since={since}")["results"]
    assert str(tree["only_here"].uuid) in {item["uuid"] for item in updated}
    categories = _get(client, f"/api/v1/categories/?updated_since={since}")["results"]
    assert str(tree["reading"].uuid) in {item["uuid"] for item in categories}


def test_moving_a_category_under_an_archived_one_reports_what_vanishes(client, tree):
    hidden = make_category(slug="old-framework", status=Status.ARCHIVED)
    tree["reading"].parent = hidden
    tree["reading"].save()
    assert _removed(client) == {("category", str(tree["reading"].uuid)), ("strategy", str(tree["only_here"].uuid))}


def test_a_change_that_hides_nothing_reports_nothing(client, tree):
    tree["area"].summary = "Changed."
    tree["area"].save()
    draft = make_category(slug="draft-area", status=Status.DRAFT)
    _set_status(draft, Status.ARCHIVED)
    assert _removed(client) == set()
