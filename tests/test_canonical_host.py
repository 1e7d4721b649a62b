"""Every absolute URL comes from SITE_URL, never from the Host header, so nobody can poison a cached page with it."""

import pytest

from tests.factories import make_category, make_strategy
from tests.test_settings import _import_settings

pytestmark = pytest.mark.django_db

FORGED = "attacker.example"


@pytest.fixture
def anything_goes(settings):
    """A site whose proxy passes any Host header through (ALLOWED_HOSTS=*): the worst case."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = "https://oap.example.gov.uk"
    settings.PAGE_CACHE_SECONDS = 600


PAGES = ["/", "/categories/reading/", "/strategies/chunk/", "/accessibility/", "/robots.txt", "/sitemap.xml"]


@pytest.mark.parametrize("url", PAGES)
def test_a_forged_host_header_never_reaches_a_cached_page(client, anything_goes, url):
    make_strategy(slug="chunk", categories=[make_category(slug="reading")])
    forged = client.get(url, HTTP_HOST=FORGED)
    assert forged.status_code == 200 and FORGED not in forged.content.decode()
    honest = client.get(url, HTTP_HOST="oap.example.gov.uk")
    assert FORGED not in honest.content.decode()
    assert honest["ETag"] == forged["ETag"]  # one cache entry per canonical host and path, whatever the Host header


def test_sitemap_and_robots_give_addresses_on_the_canonical_host(client, anything_goes):
    make_strategy(slug="chunk", categories=[make_category(slug="reading")])
    assert (
        "Sitemap: https://oap.example.gov.uk/sitemap.xml"
        in client.get("/robots.txt", HTTP_HOST=FORGED).content.decode()
    )
    sitemap = client.get("/sitemap.xml", HTTP_HOST=FORGED).content.decode()
    assert "<loc>https://oap.example.gov.uk/strategies/chunk/</loc>" in sitemap


def test_a_host_not_in_allowed_hosts_is_refused_before_any_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert client.get("/", HTTP_HOST=FORGED).status_code == 400


def test_site_url_is_required_when_debug_is_off():
    result = _import_settings(DEBUG="false", SECRET_KEY="x" * 60, ALLOWED_HOSTS="oap.example", SITE_URL="")
    assert result.returncode != 0 and "SITE_URL must be set" in result.stderr


@pytest.mark.parametrize("value", ["oap.example.gov.uk", "ftp://oap.example", "https://oap.example/path", "https://"])
def test_a_malformed_site_url_is_a_clear_configuration_error(value):
    result = _import_settings(DEBUG="true", SITE_URL=value)
    assert result.returncode != 0 and "SITE_URL must look like" in result.stderr


def test_no_code_or_template_builds_an_address_from_the_request():
    from tests.test_code_style import ROOT, _files

    allowed = {
        "oap_directory/page_cache.py",
        "oap_directory/api/middleware.py",
    }  # validate the host; use nothing from it
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _files(".py", ".html", ".txt")
        if "tests" not in path.relative_to(ROOT).parts and str(path.relative_to(ROOT)) not in allowed
        for number, line in enumerate(path.read_text(errors="ignore").splitlines(), 1)
        if any(word in line for word in ("get_host", "build_absolute_uri", "request.scheme", "get_current_site"))
    ]
    assert found == []
