import logging
import os
from types import SimpleNamespace

import pytest
from django.db import connection

from accounts.models import User
from accounts.roles import EDITOR, PUBLISHER, SITE_MANAGER

NEEDS_POSTGRES = "needs PostgreSQL: set DATABASE_URL to run it"
ABOUT_SQLITE = "about SQLite only: runs when DATABASE_URL is unset"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run only on PostgreSQL, tests marked `sqlite` only on SQLite."""
    other = "sqlite" if connection.vendor == "postgresql" else "postgres"
    skip = pytest.mark.skip(reason=ABOUT_SQLITE if other == "sqlite" else NEEDS_POSTGRES)
    for item in items:
        if other in item.keywords:
            item.add_marker(skip)


@pytest.hookimpl(optionalhook=True)  # known only when xdist is installed and not turned off (`-p no:xdist`)
def pytest_xdist_make_scheduler(config, log):
    """`make test` hands out whole test files, so module fixtures (the starter content) load once per file; the
    browser tests go out as one unit, so their package fixtures (a live server holding the starter content, and
    Chromium) start once. xdist hands out the units with the most tests first: the browser tests start at once."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class BrowserTestsTogether(LoadFileScheduling):
        def _split_scope(self, nodeid):
            return "tests/browser/" if nodeid.startswith("tests/browser/") else super()._split_scope(nodeid)

    return BrowserTestsTogether(config, log)


_disallowed_skips = []


def pytest_runtest_logreport(report):
    """Under CI=true the only acceptable skips are a PostgreSQL-only test on SQLite and the reverse."""
    reason = str(report.longrepr)
    allowed = NEEDS_POSTGRES in reason or ABOUT_SQLITE in reason
    if report.skipped and os.environ.get("CI", "").lower() == "true" and not allowed:
        _disallowed_skips.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _disallowed_skips:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line(f"CI: skipped for a reason other than the database: {', '.join(_disallowed_skips)}")
        session.exitstatus = 1


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Hashing a password the production way takes a quarter of a second; tests make hundreds of users."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def indexed(monkeypatch):
    """Index content as soon as it changes, as happens outside a test's transaction.

    Tests of the on-commit behaviour itself use django_capture_on_commit_callbacks instead.
    """
    monkeypatch.setattr(
        "oap_directory.search.signals.transaction", SimpleNamespace(on_commit=lambda callback: callback())
    )


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Tests see every page rendered (and its queries counted); tests/test_page_cache.py turns the cache on."""
    settings.PAGE_CACHE_SECONDS = 0


def _staff(email, role=None, **extra):
    from django.contrib.auth.models import Group

    user = User.objects.create_user(email=email, password="correct horse battery", is_staff=True, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    return _staff("editor@example.org", EDITOR)


@pytest.fixture
def publisher(db):
    return _staff("publisher@example.org", PUBLISHER)


@pytest.fixture
def site_manager(db):
    return _staff("manager@example.org", SITE_MANAGER)


@pytest.fixture
def superuser(db):
    return _staff("admin@example.org", is_superuser=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


class _EveryLogLine(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage() + " " + repr(record.__dict__))


@pytest.fixture
def logs():
    """Every log line written during the test, at every level, with all its fields (for the teacher tools'
    proofs that nothing typed is logged)."""
    handler = _EveryLogLine()
    names = ("", "django", "django.request", "django.server", "django.db.backends", "selfreview", "planning")
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield handler.lines
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)
