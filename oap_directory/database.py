"""One read that doubles as the database connection's health check."""

from django.db import DatabaseError, connection


def first_row(sql):
    """The first row of `sql`, run as the first query of a request in place of the connection's health check.

    With CONN_HEALTH_CHECKS Django sends its own `SELECT 1` before a request's first query on a reused connection:
    a second round trip for every page. This query proves the connection works just as well; if it fails on a
    connection left over from an earlier request (the database restarted), reconnect and ask once more."""
    checking = (
        connection.health_check_enabled
        and not connection.health_check_done
        and connection.connection is not None
        and not connection.in_atomic_block
    )
    if checking:
        connection.health_check_done = True
        try:
            return _fetch_first(sql)
        except DatabaseError:
            connection.close()
    return _fetch_first(sql)


def _fetch_first(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()
