"""Boot gunicorn with production settings on PostgreSQL and fetch the main pages as a browser behind a TLS proxy would."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

pytestmark = pytest.mark.postgres

ROOT = Path(settings.BASE_DIR)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    database = settings.DATABASES["default"]
    name = f"{database['NAME']}_smoke{os.environ.get('TEST_DB_SUFFIX', '')}"
    admin = psycopg.connect(
        host=database["HOST"] or "127.0.0.1", port=database["PORT"] or 5432, user=database["USER"],
        password=database["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )  # fmt: skip
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    user = database["USER"]
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}},
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{user}{password}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{name}",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        "TRUST_X_FORWARDED_PROTO": "true",
        "WEB_CONCURRENCY": "2",
        "PORT": str(port),
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_starter_content"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen([str(gunicorn), "-c", "gunicorn.conf.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=20)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


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
