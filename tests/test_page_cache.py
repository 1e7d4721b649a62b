import json

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


def test_a_content_pack_import_shows_at_once_and_a_refused_one_changes_nothing(client, cached):
    from oap_directory.content_packs import build_content
    from oap_directory.models import SiteSettings
    from oap_directory.pack_import import PackError, import_pack
    from tests.imports.test_content_pack_refusals import _zip

    assert client.get("/categories/imported/").status_code == 404
    content = build_content()
    content["categories"] = [
        {"uuid": "7d0c7b4e-3d5f-4f0e-9d2a-0c1b2a3d4e5f", "slug": "imported", "name": "Imported area",
         "parent": None, "order": 0, "introduction": "<p>From another council</p>", "status": "published"}
    ]  # fmt: skip
    before = SiteSettings.load().content_version
    import_pack(_zip({"content.json": json.dumps(content)}), "pack.zip", publish=True)
    assert SiteSettings.load().content_version == before + 1  # once for the whole import, not once per save
    assert "Imported area" in client.get("/categories/imported/").content.decode()

    content["resources"] = [
        {"uuid": "5a4e3b2c-1d0f-4e9a-8b7c-6d5e4f3a2b1c", "slug": "missing-file", "title": "A missing file",
         "kind": "document", "summary": "", "url": "", "file": "files/resources/missing.pdf", "provider": "",
         "audience": "", "phases": [], "tags": [], "status": "published", "review_by": None}
    ]  # fmt: skip
    with pytest.raises(PackError):
        import_pack(_zip({"content.json": json.dumps(content)}), "pack.zip", publish=True)
    assert SiteSettings.load().content_version == before + 1
