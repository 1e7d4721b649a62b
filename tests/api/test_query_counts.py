"""An API page takes as many queries with 1,000 items as with 10."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from categories.content import Status
from categories.models import Strategy
from oap_directory.models import SiteSettings
from oap_directory.page_cache import bump_content_version
from resources.models import Intervention, Resource, StrategyIntervention, StrategyResource
from tests.factories import make_category, make_level, make_phase

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/categories/",
    "/api/v1/strategies/?page_size=100",
    "/api/v1/strategies/?page_size=5&phase=phase-a&category=area&tag=tag-1&level=level-x",
    "/api/v1/interventions/?page_size=5",
    "/api/v1/resources/?page_size=5",
    "/api/v1/tags/",
    "/api/v1/removed/",
    "/openreferral/services?per_page=5",
]


@pytest.fixture
def tree():
    SiteSettings.load()
    area = make_category(slug="area", parent=make_category(slug="top"))
    return {
        "level": make_level(is_costed=True, slug="level-x"),
        "phases": [make_phase(slug="phase-a"), make_phase()],
        "leaf": area,
    }


def _bulk(tree, count, start):
    """`count` each of linked, tagged strategies, resources and interventions, and removed items: made in bulk."""
    level, leaf, phases = tree["level"], tree["leaf"], tree["phases"]
    numbers = range(start, start + count)
    strategies = Strategy.objects.bulk_create(
        Strategy(title=f"S {n}", slug=f"s-{n}", teacher_statement="T.", why="<p>W.</p>", how="<p>H.</p>",
                 level=level, status=Status.PUBLISHED)
        for n in numbers
    )  # fmt: skip
    resources = Resource.objects.bulk_create(
        Resource(title=f"R {n}", slug=f"r-{n}", summary="S.", url="https://example.org/", status=Status.PUBLISHED)
        for n in numbers
    )
    interventions = Intervention.objects.bulk_create(
        Intervention(name=f"I {n}", slug=f"i-{n}", summary="S.", description="<p>D.</p>", level=level,
                     cost_per_pupil_per_year=100, status=Status.PUBLISHED, is_local_service=True,
                     provider_name=f"Provider {n % 7}", contact_name="Team")
        for n in numbers
    )  # fmt: skip
    Strategy.categories.through.objects.bulk_create(
        Strategy.categories.through(strategy=s, category=leaf) for s in strategies
    )
    Strategy.phases.through.objects.bulk_create(
        Strategy.phases.through(strategy=s, phase=p) for s in strategies for p in phases
    )
    StrategyResource.objects.bulk_create(
        StrategyResource(strategy=s, resource=r) for s, r in zip(strategies, resources, strict=True)
    )
    StrategyIntervention.objects.bulk_create(
        StrategyIntervention(strategy=s, intervention=i) for s, i in zip(strategies, interventions, strict=True)
    )
    Intervention.categories.through.objects.bulk_create(
        Intervention.categories.through(intervention=i, category=leaf) for i in interventions
    )
    Intervention.resources.through.objects.bulk_create(
        Intervention.resources.through(intervention=i, resource=r)
        for i, r in zip(interventions, resources, strict=True)
    )
    for made in (strategies, resources, interventions):
        for item in made[:5]:
            item.tags.add(f"tag-{item.pk % 9}")
    strategies[0].status = Status.ARCHIVED
    strategies[0].save()  # one more removed item each time
    bump_content_version()


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_api_pages_take_as_many_queries_with_a_thousand_items_as_with_ten(client, tree):
    _bulk(tree, 11, 0)
    client.get("/api/v1/tags/")  # warm per-process caches (content types, the tree) so only pages' queries count
    ten = {url: _count(client, url) for url in URLS}
    _bulk(tree, 990, 11)
    client.get("/api/v1/tags/")
    thousand = {url: _count(client, url) for url in URLS}
    assert thousand == ten


def test_detail_answers_take_as_many_queries_with_many_links(client, tree):
    _bulk(tree, 2, 0)
    client.get("/api/v1/tags/")
    small = [_count(client, url) for url in ["/api/v1/strategies/s-1/", "/api/v1/interventions/i-1/"]]
    strategy, intervention = Strategy.objects.get(slug="s-1"), Intervention.objects.get(slug="i-1")
    for n in range(30):
        resource = Resource.objects.create(title=f"X {n}", slug=f"x-{n}", summary="S.", url="https://e.org/",
                                           status=Status.PUBLISHED)  # fmt: skip
        StrategyResource.objects.create(strategy=strategy, resource=resource, order=n)
        intervention.resources.add(resource)
    client.get("/api/v1/tags/")
    large = [_count(client, url) for url in ["/api/v1/strategies/s-1/", "/api/v1/interventions/i-1/"]]
    assert large == small
