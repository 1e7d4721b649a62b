import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from categories.content import Status
from tests.factories import make_category, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def strategy(db):
    return make_strategy(title="Cached strategy", slug="cached", categories=[make_category(slug="reading")])


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_anonymous_pages_come_from_the_cache_the_second_time(client, cached, strategy):
    first, first_queries = _queries(client, "/categories/reading/")
    second, second_queries = _queries(client, "/categories/reading/")
    assert first.content == second.content
    assert second_queries < first_queries and second_queries <= 3


def test_a_change_shows_at_once(client, cached, strategy):
    assert "Cached strategy" in client.get("/strategies/cached/").content.decode()
    strategy.title = "Renamed strategy"
    strategy.save()
    assert "Renamed strategy" in client.get("/strategies/cached/").content.decode()
    strategy.tags.add("newtag")
    assert "newtag" in client.get("/strategies/cached/").content.decode()


def test_staff_and_previews_are_never_cached(client, cached, strategy, editor):
    client.force_login(editor)
    strategy.status = Status.DRAFT
    strategy.save()
    assert "Preview" in client.get("/strategies/cached/").content.decode()
    client.logout()
    assert client.get("/strategies/cached/").status_code == 404


def test_searches_are_not_cached_so_they_are_logged(client, cached, strategy):
    from oap_directory.models import SearchLog

    client.get("/search/?q=cached")
    client.get("/search/?q=cached")
    assert SearchLog.objects.count() == 2
