"""Browsers and CDNs may keep public pages; revisits cost a 304; nothing private is ever public (DESIGN.md, Caching)."""

import gzip

import brotli
import pytest
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from categories.content import Status
from oap_directory.models import SiteSettings
from oap_directory.page_cache import PublicPageMiddleware
from tests.factories import make_category, make_strategy

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=60, stale-while-revalidate=600"


@pytest.fixture
def strategy(db):
    return make_strategy(title="Chunk the task", slug="chunk", categories=[make_category(slug="reading")])


def test_public_pages_carry_a_strong_etag_last_modified_and_public_freshness(client, strategy):
    response = client.get("/strategies/chunk/")
    assert response["Cache-Control"] == PUBLIC
    assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
    assert response["Last-Modified"].endswith("GMT")
    assert response["Vary"] == "Accept-Encoding, Cookie"
    assert "Chunk the task" in response.content.decode()


def test_freshness_comes_from_settings(client, strategy, settings):
    settings.PUBLIC_MAX_AGE, settings.PUBLIC_STALE_WHILE_REVALIDATE = 30, 90
    assert client.get("/strategies/chunk/")["Cache-Control"] == "public, max-age=30, stale-while-revalidate=90"


def test_a_revisit_with_the_etag_is_answered_304_from_the_content_version_alone(client, strategy):
    etag = client.get("/categories/reading/")["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/categories/reading/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag and response["Cache-Control"] == PUBLIC
    assert len(queries) == 1  # the content version


def test_a_revisit_with_if_modified_since_is_answered_304(client, strategy):
    last_modified = client.get("/categories/reading/")["Last-Modified"]
    assert client.get("/categories/reading/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_after_a_change_the_old_etag_gets_the_new_page(client, strategy):
    etag = client.get("/strategies/chunk/")["ETag"]
    strategy.title = "Break the task into chunks"
    strategy.save()
    response = client.get("/strategies/chunk/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and "Break the task into chunks" in response.content.decode()
    assert response["ETag"] != etag


def test_each_url_and_query_has_its_own_etag(client, strategy):
    tags = {client.get(url)["ETag"] for url in ["/categories/reading/", "/categories/reading/?phase=x", "/strategies/"]}
    assert len(tags) == 3


def test_an_upgrade_changes_every_etag(client, strategy):
    etag = client.get("/strategies/chunk/")["ETag"]
    call_command("migrate", verbosity=0)
    assert client.get("/strategies/chunk/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("accept, encoding", [("br, gzip", "br"), ("gzip, deflate", "gzip"), ("", None)])
def test_pages_are_compressed_as_the_browser_accepts(client, strategy, accept, encoding):
    plain = client.get("/strategies/chunk/").content if accept == "" else None
    response = client.get("/strategies/chunk/", HTTP_ACCEPT_ENCODING=accept)
    assert response.get("Content-Encoding") == encoding
    body = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda data: data}[encoding](response.content)
    assert "Chunk the task" in body.decode()
    assert plain is None or body == plain
    assert response["ETag"].endswith('-br"' if encoding == "br" else '-gzip"' if encoding == "gzip" else '"')


def test_compressed_pages_come_from_the_page_cache_too(client, strategy, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get("/strategies/chunk/", HTTP_ACCEPT_ENCODING="gzip")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/strategies/chunk/", HTTP_ACCEPT_ENCODING="gzip")
    assert len(queries) == 2  # the content version and the cached page
    assert second["Content-Encoding"] == "gzip" and second.content == first.content
    assert brotli.decompress(client.get("/strategies/chunk/", HTTP_ACCEPT_ENCODING="br").content) == gzip.decompress(
        first.content
    )


def test_signed_in_staff_always_get_private_no_store(client, strategy, editor):
    client.force_login(editor)
    for url in ["/strategies/chunk/", "/categories/reading/", "/", "/admin/"]:
        response = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
        assert response["Cache-Control"] == "private, no-store", url
        assert not response.has_header("ETag") and not response.has_header("Content-Encoding"), url


def test_staff_never_get_a_304_for_a_public_etag(client, strategy, editor):
    etag = client.get("/strategies/chunk/")["ETag"]
    client.force_login(editor)
    assert client.get("/strategies/chunk/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_previews_are_private_and_never_stored(client, strategy, editor, settings):
    settings.PAGE_CACHE_SECONDS = 600
    strategy.status = Status.DRAFT
    strategy.save()
    client.force_login(editor)
    assert client.get("/strategies/chunk/")["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get("/strategies/chunk/").status_code == 404


def test_search_is_private_and_revalidated_every_time(client, strategy):
    response = client.get("/search/?q=chunk", HTTP_ACCEPT_ENCODING="br")
    assert response["Cache-Control"] == "private, no-cache"
    assert not response.has_header("ETag") and not response.has_header("Content-Encoding")


def test_if_modified_since_never_short_circuits_a_page_that_is_not_public(client, strategy):
    response = client.get("/search/?q=chunk", HTTP_IF_MODIFIED_SINCE="Fri, 01 Jan 2100 00:00:00 GMT")
    assert response.status_code == 200


def test_a_response_that_sets_a_cookie_is_never_public_or_stored(settings, strategy):
    settings.PAGE_CACHE_SECONDS = 600

    def view_setting_a_cookie(request):
        from django.urls import resolve

        request.resolver_match = resolve("/strategies/chunk/")  # a public page's view
        response = HttpResponse("<p>hello</p>" * 200)
        response.set_cookie("tracking", "1")
        return response

    middleware = PublicPageMiddleware(view_setting_a_cookie)
    first = middleware(RequestFactory().get("/strategies/chunk/", HTTP_ACCEPT_ENCODING="gzip"))
    assert "public" not in first.get("Cache-Control", "") and not first.has_header("ETag")
    second = middleware(RequestFactory().get("/strategies/chunk/", HTTP_ACCEPT_ENCODING="gzip"))
    assert second.cookies  # rendered again, not served from the cache


def test_site_settings_are_read_once_per_content_version(client, strategy):
    client.get("/strategies/chunk/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/strategies/chunk/")
    settings_queries = [query["sql"] for query in queries if "oap_directory_sitesettings" in query["sql"]]
    assert len(settings_queries) == 1 and "content_version" in settings_queries[0]
    site = SiteSettings.load()
    site.service_name = "Renamed service"
    site.save()
    assert "Renamed service" in client.get("/strategies/chunk/").content.decode()
