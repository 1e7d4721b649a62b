"""`manage.py daily_tasks` keeps only what the privacy notice says is kept (DESIGN.md, Housekeeping)."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _aged(model, age, username="someone@example.org", **fields):
    record = model.objects.create(ip_address="192.0.2.1", user_agent="test", username=username, **fields)
    model.objects.filter(pk=record.pk).update(attempt_time=timezone.now() - age)
    return record


def _run():
    output = StringIO()
    call_command("daily_tasks", stdout=output)
    return output.getvalue()


def test_lockouts_whose_cool_off_has_passed_are_deleted_and_current_ones_kept():
    expired = _aged(AccessAttempt, timedelta(hours=2), failures_since_start=5)
    current = _aged(AccessAttempt, timedelta(minutes=10), username="other@example.org", failures_since_start=5)
    assert "1 expired lockouts" in _run()
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [current.pk]
    assert not AccessAttempt.objects.filter(pk=expired.pk).exists()


def test_sign_in_records_older_than_ninety_days_are_deleted():
    _aged(AccessLog, timedelta(days=91))
    recent_log = _aged(AccessLog, timedelta(days=89))
    _aged(AccessFailureLog, timedelta(days=91))
    recent_failure = _aged(AccessFailureLog, timedelta(days=1))
    assert "2 old sign-in records" in _run()
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent_log.pk]
    assert list(AccessFailureLog.objects.values_list("pk", flat=True)) == [recent_failure.pk]


def test_expired_sessions_are_deleted_and_live_ones_kept():
    live, expired = SessionStore(), SessionStore()
    live.create()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - timedelta(days=1))
    assert "1 expired sessions" in _run()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


@pytest.mark.sqlite
def test_the_days_changes_are_merged_into_the_search_index(indexed):
    """Each change adds a segment to SQLite's full-text index, and every search reads each segment; once a day they
    are merged into one."""
    from django.db import connection

    from tests.factories import make_strategy

    def segments():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(DISTINCT segid) FROM search_fts_idx")
            return cursor.fetchone()[0]

    for number in range(3):
        make_strategy(title=f"Visual timetable {number}")
    assert segments() > 1
    _run()
    assert segments() == 1


def test_a_search_index_the_database_will_not_merge_is_reported_and_the_rest_still_runs(monkeypatch):
    """PostgreSQL lets only the index's owner merge it: a council whose site connects as another user is told, and
    the day's other tasks still run."""
    from django.db import DatabaseError, connection

    def refuse():
        raise DatabaseError("must be owner of index search_document_vector_gin")

    backend = "postgres" if connection.vendor == "postgresql" else "sqlite"
    monkeypatch.setattr(f"oap_directory.search.{backend}.merge_index", refuse)
    output = _run()
    assert "The search index was not merged" in output
    assert "Deleted 0 old search logs" in output
