"""Every public URL pattern against one shared list of hostile values: never a 500, on either database."""

from urllib.parse import quote

import pytest
from django.urls import get_resolver

from tests.factories import make_category, make_intervention, make_resource, make_strategy

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "\x00",
    "a\x00b",
    "x" * 5000,
    '" * : & | ! ( ) ^ NEAR AND OR NOT',
    "phonics*",
    '"unbalanced',
    "-",
    "'; DROP TABLE categories_strategy; --",
    "%",
    "_",
    "\\",
    "🙂📚",
    "قراءة",
    "\u202eevil",
    "\ud800",
    "0",
    "-1",
    "99999",
    "abc",
    "",
    " ",
]
PARAMETERS = ["q", "type", "category", "level", "phase", "kind", "tag", "page"]

LIST_URLS = [
    "/",
    "/categories/",
    "/categories/reading/",
    "/strategies/",
    "/interventions/",
    "/resources/",
    "/tags/",
    "/tags/phonics/",
    "/search/",
    "/search/suggest/",
    "/accessibility/",
    "/privacy/",
    "/cookies/",
    "/contact/",
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
]
DETAIL_PREFIXES = ["/categories/", "/strategies/", "/interventions/", "/resources/", "/tags/"]


@pytest.fixture
def content(indexed):
    reading = make_category(slug="reading", parent=make_category())
    strategy = make_strategy(categories=[reading], tags=["phonics"])
    make_resource(strategies=[strategy], tags=["phonics"])
    make_intervention(categories=[reading], strategies=[strategy])


def test_every_public_url_pattern_is_covered():
    """A new public URL must be added here, so it gets the same treatment."""
    covered = {url.strip("/").split("/")[0] for url in LIST_URLS + DETAIL_PREFIXES}
    for pattern in get_resolver().url_patterns:
        route = str(pattern.pattern).strip("^/$")
        first = route.split("/")[0]
        if first in {"", "admin", "ckeditor5", "media"} or first.startswith("(?P"):
            continue
        assert first in covered, f"{route} is not in tests/test_hostile_inputs.py"


def _safe(value):
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


@pytest.mark.parametrize("url", LIST_URLS)
def test_hostile_query_parameters_never_cause_a_server_error(client, content, url):
    for value in HOSTILE_VALUES:
        for parameter in PARAMETERS:
            response = client.get(f"{url}?{parameter}={_safe(value)}")
            assert response.status_code in (200, 404), (url, parameter, value[:20], response.status_code)
        query = "&".join(f"{p}={_safe(value)}" for p in PARAMETERS)
        response = client.get(f"{url}?{query}&phase=primary&phase={_safe(value)}")
        assert response.status_code in (200, 404), (url, value[:20])


@pytest.mark.parametrize("prefix", DETAIL_PREFIXES)
def test_hostile_slugs_never_cause_a_server_error(client, content, prefix):
    for value in HOSTILE_VALUES:
        response = client.get(f"{prefix}{_safe(value)}/")
        assert response.status_code in (200, 301, 404), (prefix, value[:20], response.status_code)


def test_bad_page_numbers_give_a_real_page(client, content):
    for value in ["0", "-1", "99999", "abc", "1e9", "9" * 50]:
        response = client.get(f"/strategies/?page={value}")
        assert response.status_code == 200
        assert "Strategy number" in response.content.decode()
