"""robots.txt says nothing about where the admin is; the admin itself asks not to be indexed."""

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_does_not_reveal_the_admin_address(client, settings):
    content = client.get("/robots.txt").content.decode()
    assert "admin" not in content and "Sitemap:" in content


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/password-reset/", "/admin/"])
def test_admin_pages_ask_not_to_be_indexed(client, url):
    response = client.get(url, follow=True)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_public_pages_may_be_indexed(client):
    response = client.get("/")
    assert "X-Robots-Tag" not in response and 'name="robots"' not in response.content.decode()
