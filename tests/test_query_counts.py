"""A page's number of SQL queries must not grow with the amount of content on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from categories.content import Status
from oap_directory.models import SiteSettings
from oap_directory.page_cache import bump_content_version
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
    _add_content(tree, 15)  # a thousand strategies at once: see the test below
    large = _count(client, url)
    assert large == small, f"{url}: {small} queries with 5 items, {large} with 20"


def _bulk_strategies(tree, count, start):
    """`count` published strategies in the first leaf, with both phases: made in bulk, as thousands would take long."""
    from categories.models import Strategy

    made = Strategy.objects.bulk_create(
        Strategy(
            title=f"Bulk strategy {n}",
            slug=f"bulk-{n}",
            teacher_statement="Give one instruction at a time.",
            child_statement="I get one step at a time, so that I remember it.",
            why="<p>Why.</p>",
            how="<p>How.</p>",
            level=tree["level"],
            status=Status.PUBLISHED,
        )
        for n in range(start, start + count)
    )
    Strategy.categories.through.objects.bulk_create(
        Strategy.categories.through(strategy=strategy, category=tree["leaves"][0]) for strategy in made
    )
    Strategy.phases.through.objects.bulk_create(
        Strategy.phases.through(strategy=strategy, phase=phase) for strategy in made for phase in tree["phases"]
    )
    bump_content_version()


@pytest.mark.parametrize("url", ["/categories/top/", "/categories/area/", "/strategies/", "/tags/shared/"])
def test_a_category_with_a_thousand_strategies_takes_as_many_queries_as_one_with_ten(client, tree, url):
    make_strategy(level=tree["level"], categories=[tree["leaves"][0]], tags=["shared"])
    _bulk_strategies(tree, 10, 0)
    ten = _count(client, url)
    _bulk_strategies(tree, 990, 10)
    thousand = _count(client, url)
    assert thousand == ten, f"{url}: {ten} queries with 10 strategies, {thousand} with 1,000"
    if url == "/categories/area/":
        assert "See all 1001" in client.get(url).content.decode()


def _linked(tree, count):
    """A strategy, a resource and an intervention, each linked to `count` of the others' kind."""
    level, leaf = tree["level"], tree["leaves"][0]
    strategy = make_strategy(level=level, categories=[leaf], phases=tree["phases"], tags=["shared"])
    resource = make_resource(phases=tree["phases"], strategies=[strategy])
    intervention = make_intervention(level=level, categories=[leaf], strategies=[strategy])
    for _ in range(count - 1):
        make_resource(strategies=[strategy])
        make_intervention(level=level, categories=[leaf], strategies=[strategy])
        make_strategy(level=level, categories=[leaf]).resource_links.create(resource=resource)
        intervention.resources.add(make_resource())
        make_strategy(level=level, categories=[leaf]).intervention_links.create(intervention=intervention)
    return [strategy.get_absolute_url(), resource.get_absolute_url(), intervention.get_absolute_url()]


def test_detail_pages_take_as_many_queries_with_fifty_linked_items_as_with_five(client, tree):
    small = [_count(client, url) for url in _linked(tree, 5)]
    large = [_count(client, url) for url in _linked(tree, 50)]
    assert large == small, f"strategy, resource, intervention pages: {small} queries with 5 links, {large} with 50"
