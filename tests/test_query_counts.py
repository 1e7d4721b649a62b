"""A page's number of SQL queries must not grow with the amount of content on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oap_directory.models import SiteSettings
from tests.factories import (
    make_category,
    make_intervention,
    make_level,
    make_phase,
    make_resource,
    make_strategy,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    SiteSettings.load()
    top = make_category(slug="top")
    area = make_category(slug="area", parent=top)
    return {
        "level": make_level(is_costed=True),
        "phases": [make_phase(), make_phase()],
        "leaves": [make_category(parent=area) for _ in range(3)],
    }


def _add_content(tree, count):
    level, phases, leaves = tree["level"], tree["phases"], tree["leaves"]
    for n in range(count):
        leaf = leaves[n % 3]
        strategy = make_strategy(level=level, categories=[leaf], phases=phases, tags=[f"tag{n % 4}", "shared"])
        make_resource(phases=phases, tags=["shared"], strategies=[strategy])
        make_intervention(level=level, categories=[leaf], phases=phases, strategies=[strategy], tags=["shared"])
    return make_strategy(level=level, categories=leaves, phases=phases, tags=["shared"])


def _count(client, url):
    client.get(url)  # warm per-process caches (content types) so only the page's own queries are counted
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


URLS = [
    "/",
    "/categories/",
    "/categories/top/",
    "/categories/area/",
    "/strategies/",
    "/strategies/?phase=none&level=none",
    "/interventions/",
    "/resources/",
    "/tags/",
    "/tags/shared/",
    "/search/?q=number",
]


@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow_with_content(client, tree, url):
    _add_content(tree, 5)
    small = _count(client, url)
    _add_content(tree, 45)
    large = _count(client, url)
    assert large == small, f"{url}: {small} queries with 5 items, {large} with 50"


def test_detail_pages_have_a_fixed_query_count(client, tree, django_assert_max_num_queries):
    strategy = _add_content(tree, 20)
    resource = strategy.resource_links.first() or make_resource(strategies=[strategy])
    intervention = make_intervention(level=tree["level"], strategies=[strategy])
    for url in [
        strategy.get_absolute_url(),
        resource.resource.get_absolute_url() if hasattr(resource, "resource") else resource.get_absolute_url(),
        intervention.get_absolute_url(),
    ]:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
