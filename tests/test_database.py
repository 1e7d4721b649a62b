from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

from oap_directory import database
from oap_directory.database import first_row


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
