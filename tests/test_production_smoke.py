"""Boot gunicorn with production settings on PostgreSQL and fetch the main pages as a browser behind a TLS proxy would."""

import re
import urllib.error
import urllib.request

import pytest

from tests.servers import gunicorn, manage, production_environment, scratch_database

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("smoke")
    with scratch_database("smoke") as database_url:
        env = production_environment(database_url, folder)
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["collectstatic", "--noinput", "-v0"],
            ["load_starter_content"],
        ):
            manage(env, *command)
        with gunicorn(env) as base:
            yield base


def _get(url, proto="https"):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": proto})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


@pytest.mark.parametrize(
    "path",
    ["/", "/categories/reading/", "/strategies/use-phonics-throughout-the-school-day/", "/search/?q=dyslexa"],
)
def test_pages_answer_with_security_headers(production_server, path):
    status, headers, body = _get(production_server + path)
    assert status == 200
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])
    assert "Set-Cookie" not in headers


def test_plain_http_is_redirected_to_https(production_server):
    request = urllib.request.Request(production_server + "/", headers={"X-Forwarded-Proto": "http"})
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=10)
    assert redirect.value.code == 301 and redirect.value.headers["Location"].startswith("https://")


def test_health_check_answers_over_plain_http(production_server):
    status, _, body = _get(production_server + "/healthz", proto="http")
    assert status == 200 and body == "ok\n"


def test_hashed_static_files_are_compressed_and_cached_for_a_year(production_server):
    _, _, body = _get(production_server + "/")
    stylesheet = re.search(r'href="(/static/css/oap\.[0-9a-f]{12}\.css)"', body)[1]
    headers = {"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"}
    request = urllib.request.Request(production_server + stylesheet, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert "max-age=315360000" in response.headers["Cache-Control"]
        assert "immutable" in response.headers["Cache-Control"]
        assert response.headers["Content-Encoding"] == "gzip"


def test_unknown_pages_get_the_styled_404_without_details(production_server):
    status, _, body = _get(production_server + "/strategies/no-such-strategy/")
    assert status == 404 and "Page not found" in body and "Traceback" not in body


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
