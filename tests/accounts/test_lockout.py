"""Sign-in lockout: five failures lock that username from that client address only.

Behind the documented proxy every request comes from 127.0.0.1, so the client address is read from
X-Forwarded-For, trusting exactly TRUSTED_PROXY_COUNT proxies.
"""

import pytest
from django.test import RequestFactory

from oap_directory.visitors import client_ip

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
PROXY = {"REMOTE_ADDR": "127.0.0.1"}


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def _sign_in(client, email, password, address="198.51.100.7"):
    client.cookies.clear()
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": email, "password": password},
        HTTP_X_FORWARDED_FOR=address,
        **PROXY,
    )


def _signed_in(response):
    return response.status_code == 302 and response.url == "/admin/"


def _fail(client, email, times=5, address="198.51.100.7"):
    for _ in range(times):
        _sign_in(client, email, "not the password", address)


def test_failures_for_a_made_up_username_do_not_lock_out_real_staff(client, site_manager):
    _fail(client, "nobody@example.org")
    assert _signed_in(_sign_in(client, site_manager.email, PASSWORD))


def test_an_attacker_elsewhere_cannot_lock_staff_out(client, site_manager):
    _fail(client, site_manager.email, address="203.0.113.66")
    assert _signed_in(_sign_in(client, site_manager.email, PASSWORD, address="198.51.100.7"))


def test_five_failures_lock_that_username_from_that_address(client, editor):
    _fail(client, editor.email)
    response = _sign_in(client, editor.email, PASSWORD)
    assert response.status_code == 429 and "Too many failed sign-in attempts" in response.content.decode()


def test_usernames_are_compared_ignoring_case(client, editor):
    for variant in [
        "EDITOR@example.org",
        "Editor@Example.org",
        " editor@EXAMPLE.ORG",
        "editor@example.ORG",
        "EDITOR@EXAMPLE.ORG",
    ]:
        _sign_in(client, variant, "not the password")
    assert _sign_in(client, "editor@example.org", PASSWORD).status_code == 429


def test_a_forged_forwarded_for_entry_does_not_change_the_address(client, editor):
    """A client may send its own X-Forwarded-For; nginx appends the real address, the only one trusted."""
    for forged in range(5):
        _sign_in(client, editor.email, "not the password", address=f"10.0.0.{forged}, 198.51.100.7")
    assert _sign_in(client, editor.email, PASSWORD, address="10.9.9.9, 198.51.100.7").status_code == 429


def _request(remote="127.0.0.1", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "127.0.0.1"),  # no proxy trusted: the header is ignored
        (1, None, "127.0.0.1"),
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (2, "198.51.100.7", "127.0.0.1"),  # fewer entries than proxies: not through them all, trust none
        (1, "not an address", "127.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "", "127.0.0.1"),
    ],
)
def test_client_ip_trusts_exactly_the_configured_proxies(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(forwarded=forwarded)) == expected
