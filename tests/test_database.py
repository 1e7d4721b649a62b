import ast
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections

from oap_directory import database
from oap_directory.database import first_row
from tests.factories import make_category, make_strategy


def _reused_connection(monkeypatch):
    """A connection kept from an earlier request, not yet checked in this one (as CONN_HEALTH_CHECKS leaves it)."""
    connection = connections[DEFAULT_DB_ALIAS]  # the object itself (monkeypatch can't restore through the proxy)
    connection.ensure_connection()
    monkeypatch.setattr(connection, "health_check_enabled", True)
    monkeypatch.setattr(connection, "health_check_done", False)
    return connection


def test_first_query_of_a_request_stands_in_for_the_health_check(transactional_db, monkeypatch):
    connection = _reused_connection(monkeypatch)
    checks = []
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append("SELECT 1") or True)
    assert first_row("SELECT 1") == (1,)
    assert checks == []  # no second round trip to the database


def test_a_dead_connection_from_an_earlier_request_is_replaced(transactional_db, monkeypatch):
    _reused_connection(monkeypatch)
    asked = []
    real = database._fetch_first

    def fails_first_time(sql):
        asked.append(sql)
        if len(asked) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(sql)

    monkeypatch.setattr(database, "_fetch_first", fails_first_time)
    assert first_row("SELECT 1") == (1,)
    assert len(asked) == 2


@pytest.mark.postgres
def test_with_prepared_statements_on_postgresql_plans_a_category_pages_statements_once(client, transactional_db):
    make_strategy(title="Use a visual timetable", categories=[make_category(name="Routines", slug="routines")])
    connection.close()
    options = connection.settings_dict["OPTIONS"]
    saved = dict(options)
    options["prepare_threshold"] = 5  # as DATABASE_PREPARED_STATEMENTS=true sets it
    try:
        for _ in range(6):  # prepared from the fifth time a connection runs a statement
            assert client.get("/categories/routines/").status_code == 200
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            prepared = [statement for (statement,) in cursor.fetchall()]
    finally:
        connection.close()
        options.clear()
        options.update(saved)
    assert any("FROM categories_strategy strategy" in statement for statement in prepared), prepared


def _database_options(**env):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_PREPARED_STATEMENTS"}
    environment |= {"DJANGO_SETTINGS_MODULE": "oap_directory.settings", "DEBUG": "true"} | env
    show = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default'])"
    result = subprocess.run(
        [sys.executable, "-c", show], env=environment, capture_output=True, text=True, cwd=settings.BASE_DIR
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])["OPTIONS"]


def test_postgresql_binds_parameters_itself_and_prepares_statements_only_when_asked():
    url = "postgres://oap@db.example:5432/oap?sslmode=require"
    assert _database_options(DATABASE_URL=url) == {"sslmode": "require", "server_side_binding": True}
    assert _database_options(DATABASE_URL=url, DATABASE_PREPARED_STATEMENTS="true") == {
        "sslmode": "require",
        "server_side_binding": True,
        "prepare_threshold": 5,
    }


def test_options_in_database_url_win():
    url = "postgres://oap@db.example:5432/oap?prepare_threshold=50"
    assert _database_options(DATABASE_URL=url, DATABASE_PREPARED_STATEMENTS="true")["prepare_threshold"] == 50


@pytest.mark.sqlite
def test_sqlite_reads_pages_through_memory_mapping(tmp_path, django_db_blocker):
    """Each request's new connection reads the database from the shared operating system cache, not its own."""
    default = connections[DEFAULT_DB_ALIAS]
    on_disk = default.__class__({**default.settings_dict, "NAME": str(tmp_path / "site.sqlite3")})
    try:
        with django_db_blocker.unblock(), on_disk.cursor() as cursor:
            cursor.execute("PRAGMA mmap_size")
            assert cursor.fetchone()[0] > 0  # 256 MB, or the most this SQLite build allows
    finally:
        on_disk.close()
