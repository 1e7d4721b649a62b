"""Choosing categories in a strategy's form: the autocomplete pages through every category once, in order."""

import warnings

import pytest
from django.core.paginator import UnorderedObjectListWarning

from tests.factories import make_category

pytestmark = pytest.mark.django_db


def _names(admin_client, page):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "categories", "model_name": "strategy", "field_name": "categories", "page": page},
    )
    assert response.status_code == 200
    data = response.json()
    return [result["text"] for result in data["results"]], data["pagination"]["more"]


def test_the_category_autocomplete_pages_through_every_category_once_in_order(admin_client):
    # Created in the reverse of their order, so that the order they were saved in is not the order shown.
    names = [f"Area {n:02}" for n in range(25)]
    for name in reversed(names):
        make_category(name=name)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)
        first, more = _names(admin_client, 1)
        second, last = _names(admin_client, 2)
    assert more and not last
    assert first + second == names
