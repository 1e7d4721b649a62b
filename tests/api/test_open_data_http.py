"""Open data over HTTP: caching like public pages, CORS from anywhere, a per-client rate limit, the OpenAPI
documents, the docs page and the licence in the footer."""

from urllib.parse import urlsplit

import pytest
from openapi_spec_validator import validate

from oap_directory.models import ApiRequestCount, SiteSettings
from tests.factories import make_category, make_intervention, make_resource, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy():
    SiteSettings.load()
    return make_strategy(categories=[make_category()])


def test_api_answers_carry_an_etag_and_public_freshness(client, strategy):
    response = client.get("/api/v1/strategies/")
    assert response["ETag"]
    assert response["Cache-Control"].startswith("public, max-age=")
    assert client.get("/api/v1/strategies/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_after_a_change_the_old_etag_gets_the_new_answer(client, strategy):
    etag = client.get(f"/api/v1/strategies/{strategy.slug}/")["ETag"]
    strategy.title = "A better title"
    strategy.save()
    response = client.get(f"/api/v1/strategies/{strategy.slug}/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["title"] == "A better title"


def test_the_openreferral_feed_is_cached_like_public_pages(client, strategy):
    response = client.get("/openreferral/services")
    assert response["ETag"] and response["Cache-Control"].startswith("public")


def test_search_is_never_public(client, strategy):
    response = client.get("/api/v1/search/?q=strategy")
    assert not response.has_header("ETag")
    assert "public" not in response["Cache-Control"]


def test_cors_allows_get_from_anywhere_including_304s(client, strategy):
    response = client.get("/api/v1/strategies/", HTTP_ORIGIN="https://localoffer.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    revisit = client.get("/api/v1/strategies/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert revisit.status_code == 304
    assert revisit["Access-Control-Allow-Origin"] == "*"
    assert client.get("/openreferral/services")["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_allows_conditional_gets_only(client):
    response = client.options(
        "/api/v1/strategies/",
        HTTP_ORIGIN="https://localoffer.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_pages_of_the_site_get_no_cors_headers(client, strategy):
    assert not client.get("/strategies/").has_header("Access-Control-Allow-Origin")


def test_a_client_over_the_limit_gets_429_with_retry_after(client, strategy, settings):
    settings.API_REQUESTS_PER_MINUTE = 3
    for _ in range(3):
        assert client.get("/api/v1/strategies/").status_code == 200
    response = client.get("/api/v1/strategies/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Too many requests" in response.json()["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get("/openreferral/services").status_code == 429
    assert client.get("/api/v1/strategies/", REMOTE_ADDR="192.0.2.7").status_code == 200
    assert client.get("/strategies/").status_code == 200  # the site's own pages are not limited


def test_the_limit_is_counted_in_the_database_without_addresses(client, strategy, settings):
    settings.API_REQUESTS_PER_MINUTE = 100
    client.get("/api/v1/strategies/", REMOTE_ADDR="192.0.2.7")
    client.get("/api/v1/strategies/", REMOTE_ADDR="192.0.2.7")
    (row,) = ApiRequestCount.objects.all()
    assert row.count == 2
    assert "192.0.2.7" not in row.client


def test_cached_answers_count_against_the_limit(client, strategy, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.API_REQUESTS_PER_MINUTE = 2
    etag = client.get("/api/v1/strategies/")["ETag"]
    assert client.get("/api/v1/strategies/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/api/v1/strategies/").status_code == 429


@pytest.mark.parametrize("url", ["/api/v1/openapi.json", "/openreferral/openapi.json"])
def test_the_openapi_documents_validate(client, url):
    document = client.get(url).json()
    validate(document)
    assert document["paths"]


def test_the_openapi_document_describes_every_list_and_its_filters(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ["categories", "strategies", "interventions", "resources", "tags", "search", "removed"]:
        assert f"/api/v1/{path}/" in paths, path
    parameters = {p["name"]: p for p in paths["/api/v1/strategies/"]["get"]["parameters"]}
    assert {"category", "level", "phase", "tag", "updated_since", "page", "page_size"} <= set(parameters)
    assert parameters["page_size"]["schema"]["maximum"] == 100


def test_the_docs_page_states_the_rate_limit(client, settings):
    settings.API_REQUESTS_PER_MINUTE = 90
    assert "may make 90 requests a minute" in client.get("/open-data/").content.decode()


def test_the_docs_page_is_linked_from_the_footer_and_names_the_licence(client):
    home = client.get("/").content.decode()
    assert 'href="/open-data/">Open data</a>' in home
    assert "Open Government Licence v3.0" in home
    page = client.get("/open-data/")
    assert page.status_code == 200
    text = page.content.decode()
    for expected in ["/api/v1/openapi.json", "/openreferral/", "updated_since", "Open Government"]:
        assert expected in text, expected
    assert "<code>/api<wbr>/v1<wbr>/interventions<wbr>/</code>" in text  # a narrow column breaks only at a slash


def test_every_published_strategy_in_the_api_has_the_statements_of_its_page(client):
    from django.utils.html import escape

    area = make_category()
    for n in range(3):
        make_strategy(categories=[area], teacher_statement=f"Read aloud with me, part {n} & more.")
    make_resource()
    make_intervention()
    body = client.get("/api/v1/strategies/?page_size=100").json()
    assert body["count"] == 3
    for item in body["results"]:
        page = client.get(urlsplit(item["url"]).path).content.decode()
        assert escape(item["title"]) in page
        assert escape(item["teacher_statement"]) in page
        assert escape(item["child_statement"]) in page
