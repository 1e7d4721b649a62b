"""Browser tests: Playwright drives Debian's Chromium against a live server holding the starter content.

- The starter content is loaded once, into the test database itself (committed, not in a test
  transaction), so the live server's threads see it. When the last browser test has run the
  database is flushed and restored to what it held before (Django's serialized-rollback
  emulation), so the tests that follow see the empty database they expect, and `--reuse-db`
  keeps a clean one.
- Tests here use `live_site`, never pytest-django's `live_server`: that one brings
  `transactional_db`, which empties the database after every test.
- Chromium is Debian's (/usr/bin/chromium; `.ci/run` installs it). Playwright never downloads a
  browser. Without Chromium the tests are skipped with a message, except under CI=true, where
  tests/conftest.py turns any such skip into a failure.
"""

import os
import shutil
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import override_settings, setup_databases, teardown_databases

from tests.browser.pages import ADMIN_EMAIL, ADMIN_PASSWORD

# Playwright's synchronous API runs an event loop in the main thread; Django's ORM refuses to run
# beside one unless told it is safe (it is: the loop only waits for the browser).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REAL_DATABASE_NAME = settings.DATABASES["default"]["NAME"]  # read before any test database exists


@dataclass
class LiveSite:
    url: str
    admin_session: str  # a signed-in superuser's session key
    strategy_id: int  # the strategy with rich content, for the admin change form

    def __call__(self, path):
        return self.url + path


def _skip_without_chromium():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}: `apt-get install chromium` (CI fails instead)")


@pytest.fixture(scope="package")
def _test_database(request, django_db_setup, django_db_blocker):
    """pytest-django creates the test database only when a collected test asks for `db`. Browser tests
    reach the database through the live server and ask for none, so when they run alone, create it here."""
    _skip_without_chromium()
    if connection.settings_dict["NAME"] != REAL_DATABASE_NAME:
        yield
        return
    keepdb = request.config.getvalue("reuse_db")
    with django_db_blocker.unblock():
        old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"}, keepdb=keepdb)
    yield
    with django_db_blocker.unblock():
        teardown_databases(old_config, verbosity=0, keepdb=keepdb)


@pytest.fixture(scope="package")
def live_site(_test_database, django_db_blocker, tmp_path_factory):
    from pytest_django.live_server_helper import LiveServer

    from accounts.models import User
    from categories.models import Strategy
    from oap_directory import search
    from oap_directory.starter_content import StarterContentLoader

    media_root = tmp_path_factory.mktemp("browser-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root, SERVE_MEDIA=True, PAGE_CACHE_SECONDS=0):
        before = connection.creation.serialize_db_to_string()
        StarterContentLoader().load()
        search.rebuild()
        admin = User.objects.create_superuser(email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
        client = Client()
        client.force_login(admin)
        strategy = Strategy.objects.get(slug="run-short-daily-precision-teaching-sessions")

        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield LiveSite(server.url, client.cookies["sessionid"].value, strategy.pk)
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            # Keep the sequences where they are: the rows restored below keep their ids (those the migrations
            # gave them), and a sequence reset to 1 would hand those ids out again.
            call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True, reset_sequences=False)
            connection.creation.deserialize_db_from_string(before)
    shutil.rmtree(media_root, ignore_errors=True)


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """Keep the package's media folder (with the starter content's image) rather than one per test."""


@pytest.fixture(scope="package")
def browser(live_site):
    """Chromium, started after the live server and closed before it stops, so no request is left open."""
    _skip_without_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser, live_site):
    """Open a fresh browser context (no cookies, no cache) with Playwright's options; closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=live_site.url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh context, 1280 × 800."""
    return new_context(viewport={"width": 1280, "height": 800}).new_page()


@pytest.fixture
def admin_page(new_context, live_site):
    """A page signed in to the admin as a superuser."""
    context = new_context(viewport={"width": 1280, "height": 800})
    context.add_cookies([{"name": "sessionid", "value": live_site.admin_session, "url": live_site.url}])
    return context.new_page()
