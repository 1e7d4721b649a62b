"""Publishers hear when work is waiting (at most one summary an hour); editors when theirs is sent back or published."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache

from categories.content import Status
from oap_directory.models import Revision
from tests.admin_forms import change_form_data
from tests.factories import make_category, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_summary_sent_yet():
    cache.delete("review-digest-sent")


def _url(obj, action="change"):
    return f"/admin/categories/strategy/{obj.pk}/{action}/"


def test_publishers_get_one_summary_an_hour_and_editors_hear_back(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    first = make_strategy(title="Movement breaks", status=Status.DRAFT, categories=[make_category()])
    second = make_strategy(title="Quiet corner", status=Status.DRAFT, categories=[make_category()])
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(first, "transition/submit"))
        client.post(_url(second, "transition/submit"))
    summaries = [m for m in mail.outbox if m.subject == "Waiting for review"]
    assert len(summaries) == 1 and summaries[0].to == ["publisher@example.org"]
    assert "Movement breaks" in summaries[0].body and "/admin/review/" in summaries[0].body

    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(first, "transition/send_back"), {"comment": "Say how long a break lasts."})
        client.post(_url(second, "transition/publish"))
    to_editor = {m.subject: m for m in mail.outbox if m.to == ["editor@example.org"]}
    assert "Say how long a break lasts." in to_editor["Sent back: Movement breaks"].body
    assert "Published: Quiet corner" in to_editor
    assert (
        f"See it on the public site: {settings.SITE_URL}{second.get_absolute_url()}"
        in to_editor["Published: Quiet corner"].body
    )


def test_a_summary_of_changes_to_live_items_only_says_plainly_that_no_new_items_wait(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    live = make_strategy(title="Movement breaks", categories=[make_category()])
    client.force_login(editor)
    page = client.get(_url(live))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(live), change_form_data(page, teacher_statement="Editor's version."))
    (summary,) = [m for m in mail.outbox if m.subject == "Waiting for review"]
    assert summary.body.startswith("No new items are waiting.\n\nChanges to live items waiting: 1.")


def test_pending_changes_tell_the_editor_when_published_and_anyone_can_turn_emails_off(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    live = make_strategy(title="Movement breaks", categories=[make_category()])
    client.force_login(editor)
    client.post("/admin/email-settings/", {})  # unticked
    editor.refresh_from_db()
    assert editor.review_emails is False
    page = client.get(_url(live))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(live), change_form_data(page, teacher_statement="Editor's version."))
    assert [m.to for m in mail.outbox] == [["publisher@example.org"]]
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(live, f"pending/{Revision.objects.get().pk}/publish"))
    assert not [m for m in mail.outbox if m.to == ["editor@example.org"]]


def test_a_title_with_a_line_break_is_published_and_its_email_subject_is_one_line(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    """A title from a spreadsheet cell can hold a line break; an email subject can't (Django refuses to send it)."""
    strategy = make_strategy(title="Chunk instructions\ninto steps", status=Status.DRAFT, categories=[make_category()])
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(strategy, "transition/submit"))
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(strategy, "transition/publish"))
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.status == Status.PUBLISHED
    assert [m.subject for m in mail.outbox if m.to == ["editor@example.org"]] == [
        "Published: Chunk instructions into steps"
    ]
