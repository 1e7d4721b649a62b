"""Two people saving or publishing at the same moment: exactly one wins, the other is told, nothing is lost.

The PostgreSQL tests run real threads against committed data. SQLite's in-memory test database can't show
two connections waiting for each other, so its test uses a database file with the project's settings."""

import copy
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.test import Client

from oap_directory import revisions
from oap_directory.models import Revision
from tests.admin_forms import change_form_data
from tests.factories import make_category, make_strategy


def _run_together(*jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - the test reports what each thread saw
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_publishers_publishing_the_same_change_at_once_publish_it_once(editor, publisher, site_manager):
    strategy = make_strategy(title="Movement breaks", categories=[make_category()])
    revision = revisions.save(strategy, {"fields": {"teacher_statement": "Editor's version."}, "files": {},
                                         "m2m": {}, "tags": None, "inlines": {}}, editor)  # fmt: skip

    def publish(user):
        def job():
            revisions.apply(Revision.objects.get(pk=revision.pk), user)
            return "published"

        return job

    results = _run_together(publish(publisher), publish(site_manager))
    assert results.count("published") == 1, results
    refused = next(result for result in results if result != "published")
    assert isinstance(refused, ValidationError) and "already been published" in " ".join(refused.messages)
    strategy.refresh_from_db()
    assert strategy.teacher_statement == "Editor's version."
    assert strategy.history.filter(history_change_reason__startswith="Published changes").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_saves_from_the_same_version_never_both_succeed(publisher, site_manager):
    strategy = make_strategy(title="Movement breaks", categories=[make_category()])
    url = f"/admin/categories/strategy/{strategy.pk}/change/"
    clients = []
    for user, words in [(publisher, "Publisher's version."), (site_manager, "Manager's version.")]:
        client = Client()
        client.force_login(user)
        clients.append((client, change_form_data(client.get(url), teacher_statement=words)))
    results = _run_together(*[lambda c=c, d=d: c.post(url, d).status_code for c, d in clients])
    assert sorted(results) == [200, 302], results  # one saved (redirect), one shown the form with the conflict
    strategy.refresh_from_db()
    assert strategy.version == 2 and strategy.history.filter(history_change_reason="Changed").count() == 1


@pytest.mark.sqlite
def test_concurrent_saves_on_sqlite_wait_instead_of_failing(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        _two_writers_on_a_file_database(tmp_path)


def _two_writers_on_a_file_database(tmp_path):
    alias = "review_file"
    connections.settings[alias] = {**copy.deepcopy(connections["default"].settings_dict), "NAME": str(tmp_path / "db")}
    with connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE item (id integer PRIMARY KEY, version integer)")
        cursor.execute("INSERT INTO item VALUES (1, 1)")
    connections[alias].close()
    holding = threading.Event()

    def first():
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            cursor.execute("SELECT version FROM item WHERE id = 1")
            cursor.execute("UPDATE item SET version = version + 1 WHERE id = 1")
            holding.set()
            time.sleep(0.6)
        return "saved"

    def second():
        holding.wait(5)
        started = time.monotonic()
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            cursor.execute("SELECT version FROM item WHERE id = 1")
            cursor.execute("UPDATE item SET version = version + 1 WHERE id = 1")
        return time.monotonic() - started

    try:
        saved, waited = _run_together(first, second)
        assert saved == "saved", saved
        assert isinstance(waited, float) and waited > 0.3, waited  # it waited for the first save, then saved
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT version FROM item WHERE id = 1")
            assert cursor.fetchone()[0] == 3
    finally:
        connections[alias].close()
        del connections.settings[alias]
