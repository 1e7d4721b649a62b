"""The guards on anonymous forms that store something: client address, Origin/Referer, honeypot, hourly cap."""

import pytest
from django.test import RequestFactory

from oap_directory import visitors

factory = RequestFactory()


def test_the_client_address_is_remote_addr_when_no_proxy_is_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert visitors.client_ip(request) == "10.0.0.5"


def test_a_visitor_cannot_choose_their_address_by_padding_x_forwarded_for(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert visitors.client_ip(request) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2
    assert visitors.client_ip(request) == "1.2.3.4"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"HTTP_ORIGIN": "https://oap.northbrook.example"}, True),
        ({"HTTP_ORIGIN": "https://evil.example"}, False),
        ({"HTTP_REFERER": "https://oap.northbrook.example/strategies/x/"}, True),
        ({"HTTP_REFERER": "https://oap.northbrook.example.evil.example/"}, False),
        ({}, False),
    ],
)
def test_forms_that_store_something_must_come_from_this_sites_pages(settings, headers, expected):
    settings.SITE_URL = "https://oap.northbrook.example"
    assert visitors.from_this_site(factory.post("/feedback/", **headers)) is expected


def test_robots_that_fill_in_the_hidden_field_are_recognised():
    assert visitors.is_robot(factory.post("/feedback/", {visitors.HONEYPOT_FIELD: "http://spam.example"}))
    assert not visitors.is_robot(factory.post("/feedback/", {visitors.HONEYPOT_FIELD: ""}))


@pytest.mark.django_db
def test_each_address_gets_its_own_hourly_cap_and_the_address_is_never_kept():
    from django.core.cache import cache

    first = factory.post("/feedback/", REMOTE_ADDR="198.51.100.7")
    other = factory.post("/feedback/", REMOTE_ADDR="198.51.100.8")
    assert [visitors.over_cap(first, "feedback", per_hour=3) for _ in range(4)] == [False, False, False, True]
    assert not visitors.over_cap(other, "feedback", per_hour=3)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM oap_cache")
        keys = " ".join(row[0] for row in cursor.fetchall())
    assert "198.51.100" not in keys
    cache.clear()
