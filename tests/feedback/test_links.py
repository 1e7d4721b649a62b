"""The link checker against a local test server: never the internet, and never private addresses unless allowed."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command

from feedback import links
from feedback.models import LinkCheck
from tests.factories import make_resource, make_strategy

pytestmark = pytest.mark.django_db
seen_user_agents = []


class Handler(BaseHTTPRequestHandler):
    def _answer(self, with_body):
        seen_user_agents.append(self.headers.get("User-Agent"))
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path.startswith("/to-local?port="):
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{self.path.split('=')[1]}/ok")
        elif self.path in ("/to-port-99999", "/to-bracket"):  # addresses urlsplit() or its port refuse
            self.send_response(301)
            self.send_header("Location", "http://127.0.0.1:99999/" if self.path == "/to-port-99999" else "http://[")
        elif self.path == "/no-head" and not with_body:
            self.send_response(405)
        elif self.path in ("/ok", "/no-head", "/slow"):
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(with_body=False)

    def do_GET(self):
        self._answer(with_body=True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(settings, monkeypatch):
    settings.LINK_CHECK_ALLOW_PRIVATE = True
    monkeypatch.setattr(links, "TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(links, "HOST_INTERVAL_SECONDS", 0)
    monkeypatch.setattr(links, "_last_request_at", {})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_each_state_is_recorded(server):
    refused = f"http://127.0.0.1:{_closed_port()}/"
    urls = [f"{server}/ok", f"{server}/moved", f"{server}/gone", f"{server}/slow", f"{server}/no-head", refused]
    links.check_all(urls)
    results = {check.url: check for check in LinkCheck.objects.all()}
    assert results[f"{server}/ok"].outcome == "ok" and results[f"{server}/ok"].status_code == 200
    assert results[f"{server}/moved"].outcome == "redirected"
    assert results[f"{server}/moved"].final_url == f"{server}/ok"
    assert results[f"{server}/gone"].outcome == "broken" and results[f"{server}/gone"].status_code == 404
    assert results[f"{server}/slow"].outcome == "broken" and "timed out" in results[f"{server}/slow"].error
    assert results[f"{server}/no-head"].outcome == "ok"  # HEAD refused, GET works
    assert results[refused].outcome == "broken" and results[refused].status_code is None
    assert all(agent.startswith("OAP Directory link checker") for agent in seen_user_agents)


@pytest.mark.parametrize("path", ["/to-port-99999", "/to-bracket"])
def test_a_redirect_to_an_address_that_cannot_be_one_is_a_broken_link(server, path):
    result = links.check(f"{server}{path}")
    assert result.outcome == LinkCheck.Outcome.BROKEN and "address" in result.error


def test_private_loopback_and_link_local_addresses_are_refused(settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    for url in ["http://127.0.0.1/", "http://10.0.0.8/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/"]:
        result = links.check(url)
        assert result.outcome == "refused", url


def test_a_redirect_to_a_private_address_is_refused(server, settings, monkeypatch):
    """public.example stands for a public site (it is the local test server) that redirects to a local address."""
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    real_lookup = links._public_address
    monkeypatch.setattr(
        links,
        "_public_address",
        lambda host, port: "127.0.0.1" if host == "public.example" else real_lookup(host, port),
    )
    port = server.rsplit(":", 1)[1]
    assert links.check(f"http://public.example:{port}/ok").outcome == "ok"
    result = links.check(f"http://public.example:{port}/to-local?port={port}")
    assert result.outcome == "refused"
    assert result.final_url == f"http://127.0.0.1:{port}/ok"


def test_one_host_is_asked_at_most_once_a_second(server, monkeypatch):
    monkeypatch.setattr(links, "HOST_INTERVAL_SECONDS", 1.0)
    waits = []
    monkeypatch.setattr(links.time, "sleep", waits.append)
    links.check(f"{server}/ok")
    links.check(f"{server}/ok")
    assert len(waits) == 1 and 0.5 < waits[0] <= 1.0


def test_the_command_checks_the_links_the_content_uses_and_the_dashboard_lists_the_broken_ones(server, admin_client):
    strategy = make_strategy(title="Paired reading", how=f'<p>See <a href="{server}/gone">the guide</a>.</p>')
    make_resource(title="Working guide", url=f"{server}/ok")
    output = StringIO()
    call_command("check_links", stdout=output)
    assert "Checked 2 links: 1 broken, 0 redirected." in output.getvalue()
    html = admin_client.get("/admin/attention/").content.decode()
    assert f"{server}/gone" in html and "Paired reading" in html
    assert f"/admin/categories/strategy/{strategy.pk}/change/" in html
    assert f"{server}/ok" not in html
