"""Editors' changes to live items wait for a publisher, one pending change per item, and are never lost."""

import re

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from categories.content import Status
from categories.models import Strategy
from categories.spreadsheets import StrategySpreadsheet
from oap_directory.models import Revision
from resources.models import Resource
from tests.admin_forms import change_form_data
from tests.factories import make_category, make_resource, make_strategy

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7 the new guide"


def _url(obj, action="change"):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/{action}/"


def _edit(client, obj, **changes):
    page = client.get(_url(obj))
    return client.post(_url(obj), change_form_data(page, **changes), follow=True)


@pytest.fixture
def live():
    return make_strategy(
        title="Movement breaks", child_statement="I move, so that I can focus.", categories=[make_category()]
    )


def test_a_pending_change_is_counted_marked_listed_and_shown_in_history(client, editor, publisher, live):
    client.force_login(editor)
    _edit(client, live, child_statement="I take a short walk, so that I can settle back to work.")
    client.force_login(publisher)

    home = client.get("/admin/").content.decode()
    assert 'href="/admin/categories/strategy/?changes_waiting=yes">1<' in home

    marked = client.get("/admin/categories/strategy/?changes_waiting=yes").content.decode()
    assert "Movement breaks" in marked and "changes waiting" in marked.lower()
    columns = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', marked)
    assert columns[columns.index("status") + 1] == "changes_waiting", "the column sits beside the status"
    unmarked = client.get("/admin/categories/strategy/?changes_waiting=no").content.decode()
    assert "Movement breaks" not in unmarked

    history = client.get(_url(live, "history")).content.decode()
    assert "Not yet published" in history
    assert "<ins>take a short walk,</ins>" in history

    banner = client.get(_url(live)).content.decode()
    assert "changed child statement (last saved" in banner
    for unchanged in ("how to do it", "teacher statement", "categories", "tags"):
        assert f"changed {unchanged}" not in banner and f", {unchanged}" not in banner


def test_the_editor_reopening_sees_their_pending_text_and_a_second_edit_builds_on_the_first(
    client, editor, publisher, live
):
    client.force_login(editor)
    _edit(client, live, child_statement="I take a short walk, so that I can settle.")
    page = client.get(_url(live))
    assert page.context["adminform"].form.initial["child_statement"] == "I take a short walk, so that I can settle."
    assert "The form below shows the pending version" in page.content.decode()
    _edit(client, live, teacher_statement="Offer a movement break every 20 minutes.")
    assert Revision.objects.count() == 1

    client.force_login(publisher)
    revision = Revision.objects.get()
    client.post(_url(live, f"pending/{revision.pk}/publish"))
    live.refresh_from_db()
    assert live.child_statement == "I take a short walk, so that I can settle."
    assert live.teacher_statement == "Offer a movement break every 20 minutes."
    assert not Revision.objects.open().exists()


def test_a_publisher_opening_an_item_with_pending_changes_edits_and_publishes_them(client, editor, publisher, live):
    client.force_login(editor)
    _edit(client, live, child_statement="I take a short walk, so that I can settle.")
    client.force_login(publisher)
    response = _edit(client, live, title="Short movement breaks")
    assert "Published your changes" in response.content.decode()
    live.refresh_from_db()
    assert (live.title, live.child_statement) == ("Short movement breaks", "I take a short walk, so that I can settle.")


def test_pending_links_and_tags_are_shown_and_kept(client, editor, publisher, live):
    resource = make_resource(title="Timer cards")
    client.force_login(editor)
    _edit(
        client,
        live,
        tags="movement, focus",
        **{"resource_links-TOTAL_FORMS": "1", "resource_links-0-resource": resource.pk, "resource_links-0-order": "0"},
    )
    page = client.get(_url(live))
    assert "Timer cards" in page.content.decode()
    _edit(client, live, title="Movement breaks for everyone")  # the second save keeps the first one's links
    client.force_login(publisher)
    client.post(_url(live, f"pending/{Revision.objects.get().pk}/publish"))
    live.refresh_from_db()
    assert [link.resource for link in live.resource_links.all()] == [resource]
    assert sorted(live.tags.names()) == ["focus", "movement"]


def test_a_file_uploaded_with_pending_changes_is_stored_and_published_with_validation(client, editor, publisher):
    resource = make_resource(title="Reading guide", url="https://www.northbrook.example/reading")
    client.force_login(editor)
    page = client.get(_url(resource))
    data = change_form_data(page, url="", file=SimpleUploadedFile("guide.pdf", PDF, content_type="application/pdf"))
    response = client.post(_url(resource), data, follow=True)
    assert "for a publisher to review" in response.content.decode()
    resource.refresh_from_db()
    assert resource.url and not resource.file  # the live item is untouched
    stored = Revision.objects.get().data["files"]["file"]
    assert stored.startswith("resources/") and "guide" not in stored

    client.force_login(publisher)
    page = client.get(_url(resource)).content.decode()
    assert "Download the file uploaded with these changes" in page
    download = client.get(_url(resource, "pending-file/file"))
    assert b"".join(download.streaming_content) == PDF and "private" in download["Cache-Control"]
    client.post(_url(resource, f"pending/{Revision.objects.get().pk}/publish"))
    resource.refresh_from_db()
    assert resource.url == "" and resource.file.name == stored
    client.logout()
    public = client.get(f"/resources/{resource.slug}/file/")
    assert b"".join(public.streaming_content) == PDF


def test_publishing_changes_that_no_longer_validate_is_refused_and_changes_nothing(client, editor, publisher):
    resource = make_resource(title="Reading guide", url="https://www.northbrook.example/reading")
    client.force_login(editor)
    _edit(client, resource, summary="A better summary.")
    revision = Revision.objects.get()
    revision.data["fields"]["url"] = ""  # neither a web address nor a file: the model refuses it
    revision.save()
    client.force_login(publisher)
    response = client.post(_url(resource, f"pending/{revision.pk}/publish"), follow=True)
    assert "can’t be published as they are" in response.content.decode()
    resource.refresh_from_db()
    assert resource.url and resource.summary == "A useful guide."
    assert Revision.objects.get().status == Revision.Status.PENDING


def test_changes_to_a_live_item_changed_meanwhile_are_refused_but_kept_for_their_editor(
    client, editor, publisher, live
):
    client.force_login(editor)
    _edit(client, live, teacher_statement="Editor's version.")
    Strategy.objects.filter(pk=live.pk).update(teacher_statement="Changed by an import.")
    client.force_login(publisher)
    revision = Revision.objects.get()
    response = client.post(_url(live, f"pending/{revision.pk}/publish"), follow=True)
    assert "The changes are kept" in response.content.decode()
    live.refresh_from_db()
    assert live.teacher_statement == "Changed by an import."
    revision.refresh_from_db()
    assert revision.status == Revision.Status.PENDING

    client.force_login(editor)
    page = client.get(_url(live))
    assert "Can’t be published yet" in page.content.decode()
    assert page.context["adminform"].form.initial["teacher_statement"] == "Editor's version."
    client.post(_url(live), change_form_data(page))  # the editor saves again, having compared
    client.force_login(publisher)
    client.post(_url(live, f"pending/{revision.pk}/publish"))
    live.refresh_from_db()
    assert live.teacher_statement == "Editor's version."


def test_send_back_with_a_comment_shows_it_to_the_editor_and_their_next_save_resubmits(client, editor, publisher, live):
    client.force_login(editor)
    _edit(client, live, teacher_statement="Editor's version.")
    revision = Revision.objects.get()
    client.force_login(publisher)
    client.post(_url(live, f"pending/{revision.pk}/send_back"), {"comment": "Say how long a break lasts."})
    revision.refresh_from_db()
    assert revision.status == Revision.Status.SENT_BACK
    client.force_login(editor)
    assert "Say how long a break lasts." in client.get(_url(live)).content.decode()
    _edit(client, live, teacher_statement="Editor's version: two minutes.")
    revision.refresh_from_db()
    assert revision.status == Revision.Status.PENDING


def test_an_editors_revert_of_a_live_item_waits_for_review_and_keeps_address_and_review_dates(
    client, editor, publisher, superuser, live
):
    client.force_login(superuser)
    _edit(client, live, teacher_statement="Old unreviewed wording.", slug="old-address")
    old = live.history.filter(teacher_statement="Old unreviewed wording.").first()
    _edit(client, live, teacher_statement="Reviewed wording.", slug="movement-breaks")

    client.force_login(editor)
    response = client.post(_url(live, f"revert/{old.history_id}"), follow=True)
    assert "waiting for a publisher to review" in response.content.decode()
    live.refresh_from_db()
    assert live.teacher_statement == "Reviewed wording."  # still live as it was
    revision = Revision.objects.get()
    assert revision.data["fields"]["teacher_statement"] == "Old unreviewed wording."
    assert "slug" not in revision.data["fields"] and "review_by" not in revision.data["fields"]

    client.force_login(publisher)
    client.post(_url(live, f"pending/{revision.pk}/publish"))
    live.refresh_from_db()
    assert (live.teacher_statement, live.slug) == ("Old unreviewed wording.", "movement-breaks")


def test_a_draft_saved_by_an_editor_changes_directly(client, editor):
    draft = make_strategy(title="New idea", status=Status.DRAFT, categories=[make_category()])
    client.force_login(editor)
    _edit(client, draft, teacher_statement="Straight in.")
    draft.refresh_from_db()
    assert draft.teacher_statement == "Straight in." and not Revision.objects.exists()


def test_a_post_without_the_version_is_refused(client, publisher, live):
    client.force_login(publisher)
    page = client.get(_url(live))
    data = change_form_data(page, teacher_statement="Sneaked in.")
    del data["loaded_version"]
    response = client.post(_url(live), data)
    assert response.status_code == 200
    live.refresh_from_db()
    assert live.teacher_statement != "Sneaked in."


def test_a_change_form_opened_before_pending_changes_were_saved_is_refused(client, editor, publisher, live):
    client.force_login(publisher)
    stale_page = client.get(_url(live))
    client.force_login(editor)
    _edit(client, live, teacher_statement="Editor's version.")
    client.force_login(publisher)
    response = client.post(_url(live), change_form_data(stale_page, teacher_statement="Publisher's version."))
    assert "saved changes to this strategy" in response.content.decode()
    assert Revision.objects.get().data["fields"]["teacher_statement"] == "Editor's version."


def test_resource_pending_change_keeps_unchanged_file(client, editor):
    resource = make_resource(title="Reading guide", url="")
    resource.file = SimpleUploadedFile("guide.pdf", PDF, content_type="application/pdf")
    resource.save()
    client.force_login(editor)
    _edit(client, resource, summary="New summary.")
    assert Revision.objects.get().data["files"]["file"] == Resource.objects.get(pk=resource.pk).file.name


def _import(client, rows, name="strategies.csv"):
    headers = ["slug", "title", "teacher_statement", "child_statement", "why", "how", "categories"]
    upload = SimpleUploadedFile(name, tablib.Dataset(*rows, headers=headers).csv.encode(), content_type="text/csv")
    page = client.post("/admin/categories/strategy/import/", {"import_file": upload, "format": "0"})
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.content.decode()))
    return client.post("/admin/categories/strategy/process_import/", fields, follow=True)


def test_spreadsheet_imports_record_why_and_join_pending_changes_instead_of_overwriting_them(
    client, editor, publisher, live
):
    draft = make_strategy(title="Draft one", slug="draft-one", status=Status.DRAFT)
    slugs = ";".join(live.categories.values_list("slug", flat=True))
    rows = [
        [live.slug, "Movement breaks", "Imported wording.", live.child_statement, "why", "how", slugs],
        ["draft-one", "Draft one", "Imported draft wording.", "I try, so that I learn.", "why", "how", slugs],
    ]
    client.force_login(publisher)
    _import(client, rows)
    live.refresh_from_db()
    draft.refresh_from_db()
    assert live.teacher_statement == "Imported wording." and draft.teacher_statement == "Imported draft wording."
    assert live.history.first().history_change_reason == "Imported from strategies.csv"
    assert draft.history.first().history_change_reason == "Imported from strategies.csv"

    client.force_login(editor)
    _edit(client, live, child_statement="I take a short walk, so that I can settle.")
    client.force_login(publisher)
    rows[0][2] = "Second import."
    _import(client, rows, name="update.csv")
    live.refresh_from_db()
    assert live.teacher_statement == "Imported wording."  # the pending change is not overwritten or lost
    pending = Revision.objects.get().data["fields"]
    assert pending["teacher_statement"] == "Second import."
    assert pending["child_statement"] == "I take a short walk, so that I can settle."  # the editor's change stays


def test_a_spreadsheet_row_an_editor_imports_for_a_live_item_waits_for_review(editor, live):
    slugs = ";".join(live.categories.values_list("slug", flat=True))
    headers = ["slug", "title", "teacher_statement", "child_statement", "why", "how", "categories"]
    row = [live.slug, "Movement breaks", "Imported wording.", live.child_statement, "why", "how", slugs]
    StrategySpreadsheet().import_data(tablib.Dataset(row, headers=headers), user=editor, file_name="s.csv")
    live.refresh_from_db()
    assert live.teacher_statement != "Imported wording."
    assert Revision.objects.get().data["fields"]["teacher_statement"] == "Imported wording."
