"""Two app servers, one database: whatever one server does, the other sees at once (DESIGN.md, Caching).

The page cache, sessions and sign-in lockouts all live in PostgreSQL, so app servers are stateless and a load
balancer may send each request to any of them.
"""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.servers import gunicorn, manage, production_environment, scratch_database

pytestmark = pytest.mark.postgres

STRATEGY = "/strategies/chunk-the-task/"
EMAIL, PASSWORD = "lead@example.org", "a long and correct password"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two-servers")
    with scratch_database("two_servers") as database_url:
        env = production_environment(database_url, folder, WEB_CONCURRENCY="1", PAGE_CACHE_SECONDS="600")
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            manage(env, *command)
        script = (
            "from accounts.models import User; from categories.models import Category, Strategy; "
            f"User.objects.create_superuser(email={EMAIL!r}, password={PASSWORD!r}); "
            "category = Category.objects.create(name='Reading', slug='reading', status='published'); "
            "strategy = Strategy.objects.create(title='Chunk the task', slug='chunk-the-task', status='published', "
            "teacher_statement='Break the task into steps.', why='<p>Why.</p>', how='<p>How.</p>'); "
            "strategy.categories.add(category); print(strategy.pk)"
        )
        strategy_id = manage(env, "shell", "--verbosity", "0", "-c", script).stdout.strip().splitlines()[-1]
        with gunicorn(env) as first, gunicorn(env) as second:
            yield first, second, strategy_id


class Browser:
    """One visitor's browser: cookies are kept for 127.0.0.1 whatever the port, so both servers get them, as two
    servers behind one load balancer would. The proxy reports HTTPS, so the Secure cookies are sent back."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar(policy=BehindTlsProxy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect())

    def request(self, url, data=None):
        headers = {"X-Forwarded-Proto": "https", "Referer": url.replace("http://", "https://")}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def csrf_token(self, url):
        _, body = self.request(url)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1]

    def sign_in(self, base, password=PASSWORD):
        token = self.csrf_token(f"{base}/admin/login/")
        data = {"csrfmiddlewaretoken": token, "username": EMAIL, "password": password, "next": "/admin/"}
        return self.request(f"{base}/admin/login/?next=/admin/", data)


class BehindTlsProxy(http.cookiejar.DefaultCookiePolicy):
    def return_ok_secure(self, cookie, request):
        return True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_change_published_through_one_server_shows_at_once_through_the_other(servers):
    first, second, strategy_id = servers
    visitor = Browser()
    for base in (first, second, first, second):  # cached on both servers now
        assert visitor.request(base + STRATEGY)[0] == 200
    editor = Browser()
    assert editor.sign_in(first)[0] == 302
    token = editor.csrf_token(f"{second}/admin/categories/strategy/{strategy_id}/change/")  # the session works there
    status, _ = editor.request(
        f"{second}/admin/categories/strategy/{strategy_id}/transition/unpublish/", {"csrfmiddlewaretoken": token}
    )
    assert status == 302
    assert visitor.request(first + STRATEGY)[0] == 404
    assert visitor.request(second + STRATEGY)[0] == 404


def test_failed_sign_ins_through_both_servers_count_together(servers):
    first, second, _ = servers
    intruder = Browser()
    for base in (first, second, first, second, first):  # AXES_FAILURE_LIMIT is 5
        intruder.sign_in(base, password="a wrong guess")
    status, body = intruder.sign_in(second)  # the right password, too late
    assert status != 302 and "locked" in body.lower()
