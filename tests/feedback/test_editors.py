"""Editors see what needs attention: feedback figures, out-of-date reports, suggestions turned into drafts."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from categories.content import Status
from feedback.models import PageFeedback, ResourceSuggestion
from oap_directory.models import SearchLog
from resources.models import Resource
from tests.factories import make_phase, make_resource, make_strategy

pytestmark = pytest.mark.django_db


def _feedback(item, useful, days_ago=0, **fields):
    feedback = PageFeedback.objects.create(
        item_type="strategy", item_uuid=item.uuid, item_title=item.title, is_useful=useful, **fields
    )
    PageFeedback.objects.filter(pk=feedback.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return feedback


def test_the_dashboard_counts_feedback_over_30_and_90_days(editor_client):
    strategy = make_strategy(title="Chunked instructions")
    _feedback(strategy, True, days_ago=1)
    _feedback(strategy, True, days_ago=45)
    _feedback(strategy, False, days_ago=2, comment="Needs an example for Year 7.", is_out_of_date=True)
    _feedback(strategy, False, days_ago=100)  # too old to count
    response = editor_client.get("/admin/attention/")
    assert response.status_code == 200
    row = next(row for row in response.context["feedback"] if row["item_uuid"] == strategy.uuid)
    assert (row["useful_30"], row["not_useful_30"], row["useful_90"], row["not_useful_90"]) == (1, 1, 2, 1)
    assert row["out_of_date"] == 1
    html = response.content.decode()
    assert "Needs an example for Year 7." in html


def test_the_dashboard_lists_review_gaps_unlinked_content_and_searches_with_no_results(editor_client):
    overdue = make_strategy(title="Overdue one", review_by=timezone.localdate() - timedelta(days=1))
    reviewed = make_strategy(title="Reviewed one", last_reviewed_at=timezone.localdate())
    make_resource(title="Linked resource", strategies=[reviewed])
    make_resource(title="Lonely resource")
    SearchLog.objects.create(query="xylophone therapy", filters={}, result_count=0)
    html = editor_client.get("/admin/attention/").content.decode()
    reviews = html[html.index('id="attention-reviews"') : html.index('id="attention-gaps"')]
    assert "Overdue one" in reviews
    gaps = html[html.index('id="attention-gaps"') : html.index('id="attention-searches"')]
    assert "Overdue one" in gaps and "Reviewed one" not in gaps  # strategies with no resources
    assert "Lonely resource" in gaps and "Linked resource" not in gaps
    assert "xylophone therapy" in html
    assert overdue.title in html


def test_the_admin_home_points_editors_at_what_needs_attention(editor_client):
    _feedback(make_strategy(), False, is_out_of_date=True)
    html = editor_client.get("/admin/").content.decode()
    assert "/admin/attention/" in html and "1 out-of-date report open" in html


def test_clearing_an_out_of_date_report_is_recorded_in_history(editor_client, editor):
    report = _feedback(make_strategy(), False, is_out_of_date=True)
    data = {"action": "clear_out_of_date", "_selected_action": [report.pk]}
    editor_client.post("/admin/feedback/pagefeedback/", data)
    report.refresh_from_db()
    assert report.out_of_date_cleared_by == editor and report.out_of_date_cleared_at is not None
    assert not PageFeedback.objects.out_of_date().exists()
    assert report.history.first().history_user == editor


def test_an_editor_turns_a_suggestion_into_a_draft_resource_in_one_click(editor_client):
    phase = make_phase()
    suggestion = ResourceSuggestion.objects.create(title="Sensory circuits", url="https://example.org/c", why="Calm.")
    suggestion.phases.set([phase])
    page = editor_client.get(f"/admin/feedback/resourcesuggestion/{suggestion.pk}/change/").content.decode()
    assert "Make a draft resource" in page
    response = editor_client.post(f"/admin/feedback/resourcesuggestion/{suggestion.pk}/make-draft/")
    resource = Resource.objects.get()
    assert response["Location"] == f"/admin/resources/resource/{resource.pk}/change/"
    assert (resource.title, resource.url, resource.summary, resource.status) == (
        "Sensory circuits",
        "https://example.org/c",
        "Calm.",
        Status.DRAFT,
    )
    assert list(resource.phases.all()) == [phase]
    suggestion.refresh_from_db()
    assert suggestion.status == ResourceSuggestion.Status.ACCEPTED and suggestion.resource == resource
    editor_client.post(f"/admin/feedback/resourcesuggestion/{suggestion.pk}/make-draft/")
    assert Resource.objects.count() == 1  # a second click makes nothing new


def test_visitors_and_anonymous_people_cannot_reach_the_dashboard_or_make_drafts(client):
    suggestion = ResourceSuggestion.objects.create(title="Spam", url="https://spam.example/", why="Buy.")
    assert client.get("/admin/attention/").status_code == 302
    client.post(f"/admin/feedback/resourcesuggestion/{suggestion.pk}/make-draft/")
    assert not Resource.objects.exists()


def test_daily_tasks_deletes_feedback_and_suggestions_older_than_two_years(settings):
    strategy = make_strategy()
    old = _feedback(strategy, True, days_ago=731)
    kept = _feedback(strategy, True, days_ago=729)
    stale = ResourceSuggestion.objects.create(title="Old", url="https://example.org/", why="Old.")
    ResourceSuggestion.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=731))
    output = StringIO()
    call_command("daily_tasks", "--skip-link-check", stdout=output)
    assert "2 old pieces of feedback" in output.getvalue()
    assert list(PageFeedback.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not PageFeedback.history.filter(id=old.pk).exists()
    assert not ResourceSuggestion.objects.exists()
