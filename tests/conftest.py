import os
from types import SimpleNamespace

import pytest
from django.db import connection

from accounts.models import User
from accounts.roles import EDITOR, PUBLISHER, SITE_MANAGER


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL to run it")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


_disallowed_skips = []


def pytest_runtest_logreport(report):
    """Under CI=true the only acceptable skip is a PostgreSQL-only test on SQLite."""
    if report.skipped and os.environ.get("CI", "").lower() == "true" and "needs PostgreSQL" not in str(report.longrepr):
        _disallowed_skips.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _disallowed_skips:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line(f"CI: skipped for a reason other than PostgreSQL: {', '.join(_disallowed_skips)}")
        session.exitstatus = 1


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
