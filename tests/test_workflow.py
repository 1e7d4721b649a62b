"""Editors never lose work: workflow, preview, history with revert, no lost updates, archive not delete."""

import pytest
from django.utils import timezone

from categories.content import Status
from categories.models import Strategy
from oap_directory.models import Revision, SlugRedirect
from tests.admin_forms import change_form_data
from tests.factories import make_category, make_resource, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    reading = make_category(name="Reading", slug="reading")
    return make_strategy(title="Use phonics all day", slug="use-phonics", status=Status.DRAFT, categories=[reading])


def _change_url(obj):
    return f"/admin/categories/strategy/{obj.pk}/change/"


def _transition(client, obj, name, **data):
    return client.post(f"/admin/categories/strategy/{obj.pk}/transition/{name}/", data, follow=True)


def test_full_journey_draft_review_publish_archive_restore(client, editor, publisher, draft):
    client.force_login(editor)
    assert "Submit for review" in client.get(_change_url(draft)).content.decode()
    _transition(client, draft, "submit")
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert client.get("/strategies/use-phonics/").status_code == 200  # staff preview
    client.logout()
    assert client.get("/strategies/use-phonics/").status_code == 404

    client.force_login(publisher)
    assert "Use phonics all day" in client.get("/admin/categories/strategy/?status__exact=in_review").content.decode()
    _transition(client, draft, "publish")
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_at is not None
    assert draft.review_by > timezone.localdate()
    _transition(client, draft, "archive")
    client.logout()
    response = client.get("/strategies/use-phonics/")
    assert response.status_code == 410
    assert 'href="/categories/reading/"' in response.content.decode()

    client.force_login(publisher)
    _transition(client, draft, "restore")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    reasons = list(draft.history.order_by("history_date").values_list("history_change_reason", "history_user__email"))
    assert ("Submit for review", "editor@example.org") in reasons
    assert ("Publish", "publisher@example.org") in reasons
    assert ("Archive", "publisher@example.org") in reasons


def test_editor_cannot_publish_even_by_forged_post(client, editor, draft):
    client.force_login(editor)
    _transition(client, draft, "submit")
    content = client.get(_change_url(draft)).content.decode()
    assert ">Publish<" not in content
    response = client.post(f"/admin/categories/strategy/{draft.pk}/transition/publish/")
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW


def test_invalid_transition_gives_a_clear_message(client, publisher, draft):
    client.force_login(publisher)
    response = _transition(client, draft, "archive")
    assert "is draft, so it can’t be “archive”" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_incomplete_item_is_never_published_by_the_one_item_button_either(client, publisher, draft):
    """Bulk publishing refuses an item that isn't complete; the Publish button on the item refuses it the same way."""
    Strategy.objects.filter(pk=draft.pk).update(teacher_statement="", child_statement="", status=Status.IN_REVIEW)
    client.force_login(publisher)
    response = _transition(client, draft, "publish")
    assert "isn’t complete: Give a teacher statement, or the child’s words." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    client.logout()
    assert client.get("/strategies/use-phonics/").status_code == 404


def test_sending_back_needs_a_comment(client, editor, publisher, draft):
    client.force_login(editor)
    _transition(client, draft, "submit")
    client.force_login(publisher)
    response = _transition(client, draft, "send_back", comment=" ")
    assert "Say why you are sending it back" in response.content.decode()
    _transition(client, draft, "send_back", comment="Add an example for Year 7.")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.history.first().history_change_reason == "Send back to draft: Add an example for Year 7."


def test_status_cannot_be_set_through_the_form(client, editor, draft):
    client.force_login(editor)
    page = client.get(_change_url(draft))
    client.post(_change_url(draft), change_form_data(page, status=Status.PUBLISHED))
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_nobody_but_a_superuser_can_delete_content(client, editor, publisher, site_manager, draft):
    for user in (editor, publisher, site_manager):
        client.force_login(user)
        assert client.get(f"/admin/categories/strategy/{draft.pk}/delete/").status_code == 403
    assert Strategy.objects.filter(pk=draft.pk).exists()


def test_history_shows_differences_and_revert_makes_a_new_version(client, editor, draft):
    resource = make_resource(title="Phonics mat", strategies=[draft])
    client.force_login(editor)
    page = client.get(_change_url(draft))
    client.post(_change_url(draft), change_form_data(page, teacher_statement="First wording.", tags="phonics"))
    page = client.get(_change_url(draft))
    client.post(
        _change_url(draft),
        change_form_data(page, teacher_statement="Second wording.", tags="", **{"resource_links-0-DELETE": "on"}),
    )
    draft.refresh_from_db()
    assert draft.teacher_statement == "Second wording." and not draft.resource_links.exists()

    history = client.get(f"/admin/categories/strategy/{draft.pk}/history/").content.decode()
    assert "<del>First</del>" in history and "<ins>Second</ins>" in history
    assert "Phonics mat" in history and "Tags" in history

    first_edit = draft.history.filter(teacher_statement="First wording.").get()
    versions = draft.history.count()
    response = client.post(f"/admin/categories/strategy/{draft.pk}/revert/{first_edit.history_id}/", follow=True)
    assert "Reverted" in response.content.decode()
    draft.refresh_from_db()
    assert draft.teacher_statement == "First wording."
    assert list(draft.tags.names()) == ["phonics"]
    assert [link.resource for link in draft.resource_links.all()] == [resource]
    assert draft.history.count() == versions + 1


def test_revert_skips_related_items_that_no_longer_exist(client, superuser, draft):
    resource = make_resource(strategies=[draft])
    from categories.history import record_version

    record = record_version(draft, superuser, "With resource")
    draft.resource_links.all().delete()
    resource.delete()
    client.force_login(superuser)
    response = client.post(f"/admin/categories/strategy/{draft.pk}/revert/{record.history_id}/", follow=True)
    assert response.status_code == 200
    assert "no longer exist" in response.content.decode()


def test_second_save_from_a_stale_form_is_refused_and_keeps_the_typed_input(client, editor, publisher, draft):
    client.force_login(editor)
    stale_page = client.get(_change_url(draft))
    client.force_login(publisher)
    fresh_page = client.get(_change_url(draft))
    client.post(_change_url(draft), change_form_data(fresh_page, teacher_statement="Publisher's wording."))

    client.force_login(editor)
    response = client.post(_change_url(draft), change_form_data(stale_page, teacher_statement="Editor's wording."))
    content = response.content.decode()
    assert response.status_code == 200
    assert "publisher@example.org changed this strategy" in content
    assert "Editor&#x27;s wording." in content or "Editor's wording." in content
    assert f"/admin/categories/strategy/{draft.pk}/history/" in content
    draft.refresh_from_db()
    assert draft.teacher_statement == "Publisher's wording."


def test_stale_inline_changes_are_refused_too(client, editor, publisher, draft):
    resource = make_resource(title="Phonics mat")
    client.force_login(editor)
    stale_page = client.get(_change_url(draft))
    client.force_login(publisher)
    fresh_page = client.get(_change_url(draft))
    client.post(_change_url(draft), change_form_data(fresh_page, child_statement="I hear, so that I learn."))
    client.force_login(editor)
    data = change_form_data(
        stale_page,
        **{"resource_links-TOTAL_FORMS": "1", "resource_links-0-resource": resource.pk, "resource_links-0-order": "0"},
    )
    response = client.post(_change_url(draft), data)
    assert response.status_code == 200
    assert not draft.resource_links.exists()


def test_changing_a_slug_keeps_the_old_address_working(client, publisher, indexed):
    strategy = make_strategy(title="Old title", slug="old-title", categories=[make_category()])
    client.force_login(publisher)
    page = client.get(_change_url(strategy))
    response = client.post(_change_url(strategy), change_form_data(page, slug="new-title"))
    assert response.status_code == 302
    client.logout()
    response = client.get("/strategies/old-title/")
    assert response.status_code == 301 and response["Location"] == "/strategies/new-title/"
    assert SlugRedirect.objects.filter(old_slug="old-title").exists()


def test_review_filters_and_admin_home_counts(client, publisher):
    make_strategy(title="Overdue one", review_by=timezone.localdate().replace(year=2020))
    make_strategy(title="Due soon", review_by=timezone.localdate() + timezone.timedelta(days=10))
    make_strategy(title="Waiting", status=Status.IN_REVIEW)
    client.force_login(publisher)
    overdue = client.get("/admin/categories/strategy/?review=overdue").content.decode()
    assert "Overdue one" in overdue and "Due soon" not in overdue
    soon = client.get("/admin/categories/strategy/?review=soon").content.decode()
    assert "Due soon" in soon and "Overdue one" not in soon
    home = client.get("/admin/").content.decode()
    assert "Editorial work" in home and "Waiting for review" in home
    assert "?status__exact=in_review" in home


def test_editors_edit_category_words_but_cannot_move_categories(client, editor, site_manager):
    parent = make_category(name="Parent")
    child = make_category(name="Child", parent=parent)
    client.force_login(editor)
    url = f"/admin/categories/category/{child.pk}/change/"
    page = client.get(url)
    client.post(url, change_form_data(page, parent="", summary="New words."))
    client.force_login(site_manager)
    revision = Revision.objects.get()
    client.post(f"/admin/categories/category/{child.pk}/pending/{revision.pk}/publish/")
    child.refresh_from_db()
    assert child.parent == parent and child.summary == "New words."


def test_a_publishers_save_builds_on_the_pending_changes_instead_of_losing_them(client, editor, publisher):
    strategy = make_strategy(title="Live one", categories=[make_category()])
    client.force_login(editor)
    page = client.get(_change_url(strategy))
    client.post(_change_url(strategy), change_form_data(page, teacher_statement="Editor's version."))
    client.force_login(publisher)
    page = client.get(_change_url(strategy))
    client.post(_change_url(strategy), change_form_data(page, child_statement="I hear it, so that I learn it."))
    strategy.refresh_from_db()
    assert strategy.teacher_statement == "Editor's version."
    assert strategy.child_statement == "I hear it, so that I learn it."
    assert Revision.objects.get().status == Revision.Status.APPLIED


def test_editors_cannot_publish_pending_changes(client, editor):
    strategy = make_strategy(title="Live one", categories=[make_category()])
    client.force_login(editor)
    page = client.get(_change_url(strategy))
    client.post(_change_url(strategy), change_form_data(page, teacher_statement="Editor's version."))
    revision = Revision.objects.get()
    response = client.post(f"/admin/categories/strategy/{strategy.pk}/pending/{revision.pk}/publish/")
    assert response.status_code == 403


def test_repeated_failed_sign_ins_lock_the_account_with_a_clear_message(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/admin/login/", {"username": "editor@example.org", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "editor@example.org", "password": "correct horse battery"})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_slug_collision_is_a_clear_form_error(client, publisher):
    category = make_category()
    make_strategy(title="Taken", slug="taken", categories=[category])
    strategy = make_strategy(title="Mine", slug="mine", categories=[category])
    client.force_login(publisher)
    page = client.get(_change_url(strategy))
    response = client.post(_change_url(strategy), change_form_data(page, slug="taken"))
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    strategy.refresh_from_db()
    assert strategy.slug == "mine"


def test_uploaded_files_are_served_so_they_cannot_run_as_pages(client, settings):
    settings.SERVE_MEDIA = True
    (settings.MEDIA_ROOT / "editor-images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "editor-images" / "guide.pdf").write_bytes(b"%PDF-1.7 test")
    (settings.MEDIA_ROOT / "editor-images" / "page.html").write_bytes(b"<script>alert(1)</script>")
    pdf = client.get("/media/editor-images/guide.pdf")
    assert pdf.status_code == 200
    assert pdf["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in pdf["Content-Security-Policy"]
    html = client.get("/media/editor-images/page.html")
    assert html["Content-Disposition"] == "attachment"
    assert "sandbox" in html["Content-Security-Policy"]


def test_uploaded_files_are_not_served_by_django_unless_asked(client, settings):
    settings.SERVE_MEDIA = False
    settings.DEBUG = False
    (settings.MEDIA_ROOT / "guide.pdf").parent.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "guide.pdf").write_bytes(b"%PDF-1.7 test")
    assert client.get("/media/guide.pdf").status_code == 404


def test_the_old_address_of_an_item_taken_off_the_site_does_not_give_away_its_new_one(client, indexed):
    strategy = make_strategy(title="Old title", slug="old-title", categories=[make_category()])
    SlugRedirect.objects.create(type="strategy", object_id=strategy.pk, old_slug="old-title")
    strategy.slug, strategy.status = "merger-with-northbrook-proposal", Status.DRAFT
    strategy.save()
    response = client.get("/strategies/old-title/")
    assert response.status_code == 404
    assert "northbrook" not in response.content.decode() + response.get("Location", "")


def test_the_old_address_of_a_category_under_a_draft_does_not_give_away_its_new_one(client, editor, indexed):
    framework = make_category(name="Framework", status=Status.DRAFT)
    area = make_category(name="Area", slug="old-area", parent=framework)
    SlugRedirect.objects.create(type="category", object_id=area.pk, old_slug="old-area")
    area.slug = "restructure-proposal"
    area.save()
    assert client.get("/categories/old-area/").status_code == 404
    client.force_login(editor)  # staff follow old links to what they may preview
    assert client.get("/categories/old-area/")["Location"] == "/categories/restructure-proposal/"
