"""Two journeys through the admin, as the people who use it take them.

- Review: an editor changes a live strategy twice and replaces its resource's address with a file; a
  publisher sees both edits as one change in the review queue and publishes; visitors see them.
- The first hour: a site manager imports the council's Word document, sets defaults for its sections,
  creates the drafts, submits them all, publishes them all at once, and visitors find them by searching.

Each journey works on items of its own and removes them afterwards: the starter content the other browser
tests rely on is never changed.
"""

import re
import uuid

import pytest
from django.db import connection
from django.test import Client
from playwright.sync_api import expect

from tests.browser.pages import assert_accessible

PDF = b"%PDF-1.7 a short guide to movement breaks"


@pytest.fixture
def staff_page(new_context, live_site, django_db_blocker):
    """A page signed in to the admin as a new member of staff with the given role."""
    from django.contrib.auth.models import Group

    from accounts.models import User

    def sign_in(role):
        with django_db_blocker.unblock():
            user = User.objects.create_user(email=f"{role.split()[0].lower()}-{uuid.uuid4().hex[:8]}@example.org")
            user.is_staff = True
            user.save()
            user.groups.add(Group.objects.get(name=role))
            client = Client()
            client.force_login(user)
        context = new_context(viewport={"width": 1280, "height": 800})
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_site.url}])
        return context.new_page()

    return sign_in


@pytest.fixture
def live_strategy(live_site, django_db_blocker):
    """A published strategy of this test's own, in Reading, linked to a published web resource."""
    from categories.models import Category
    from oap_directory.models import Revision
    from tests.factories import make_resource, make_strategy

    suffix = uuid.uuid4().hex[:8]
    with django_db_blocker.unblock():
        strategy = make_strategy(
            title=f"Movement breaks {suffix}",
            slug=f"movement-breaks-{suffix}",
            teacher_statement="Plan a short movement break into long lessons.",
            child_statement="I get up and move, so that I can concentrate again.",
            categories=[Category.objects.get(slug="reading")],
        )
        resource = make_resource(
            title=f"Movement break cards {suffix}",
            slug=f"movement-break-cards-{suffix}",
            url="https://www.northbrook.example/movement-cards",
            strategies=[strategy],
        )
    yield strategy, resource
    with django_db_blocker.unblock():
        for item in (strategy, resource):
            Revision.objects.filter(object_id=item.pk, content_type__model=item._meta.model_name).delete()
            type(item).objects.filter(pk=item.pk).delete()
        connection.close()


def _admin_url(item, action="change"):
    return f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/{action}/"


def _save(page):
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("saved for a publisher to review")


def test_an_editors_two_edits_and_file_are_reviewed_as_one_change_and_published(staff_page, live_strategy, new_context):
    strategy, resource = live_strategy
    first = "I take a walk to the office, so that I can settle back to work."
    second = "Offer a movement break every twenty minutes in long lessons."

    # Given an editor who changes the live strategy, comes back to it and changes it again
    editor = staff_page("Editor")
    editor.goto(_admin_url(strategy))
    editor.locator("#id_child_statement").fill(first)
    _save(editor)
    editor.goto(_admin_url(strategy))
    expect(editor.locator("#id_child_statement")).to_have_value(first)  # the pending version, not the live one
    editor.locator("#id_teacher_statement").fill(second)
    _save(editor)
    # and who replaces the linked resource's web address with a file
    editor.goto(_admin_url(resource))
    editor.locator("#id_url").fill("")
    editor.locator("#id_file").set_input_files(
        files=[{"name": "movement-cards.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    _save(editor)

    # When a publisher opens the review queue
    publisher = staff_page("Publisher")
    publisher.goto("/admin/review/")
    change = publisher.locator("section.oap-version", has=publisher.get_by_role("link", name=strategy.title))
    expect(change).to_have_count(1)
    expect(change.locator("ins").filter(has_text="walk to the office")).not_to_have_count(0)
    expect(change.locator("ins").filter(has_text="every twenty minutes")).not_to_have_count(0)
    file_change = publisher.locator("section.oap-version", has=publisher.get_by_role("link", name=resource.title))
    expect(file_change.get_by_role("link", name="Download the file uploaded with these changes")).to_have_count(1)
    assert_accessible(publisher)
    # and publishes both
    change.get_by_role("button", name="Publish changes").click()
    expect(publisher.locator(".messagelist")).to_be_visible()
    file_change.get_by_role("button", name="Publish changes").click()
    expect(publisher.get_by_role("heading", name="Changes to live items (0)")).to_have_count(1)

    # Then a visitor sees both edits, and the resource's file downloads
    visitor = new_context(viewport={"width": 1280, "height": 800}).new_page()
    visitor.goto(f"/strategies/{strategy.slug}/")
    expect(visitor.locator("main")).to_contain_text(first)
    expect(visitor.locator("main")).to_contain_text(second)
    visitor.goto(f"/resources/{resource.slug}/")
    link = visitor.locator(f'a[href="/resources/{resource.slug}/file/"]').first
    download = visitor.request.get(link.get_attribute("href"))
    assert download.ok and download.body() == PDF
    assert_accessible(visitor)


@pytest.fixture
def forget_imports(live_site, django_db_blocker):
    """Remove everything the Word imports made during the test."""
    from categories.models import Category
    from oap_directory import content_types
    from oap_directory.models import ImportRecord, SearchDocument

    def counts():
        return [model.objects.count() for model in (*content_types.models(), SearchDocument)]

    with django_db_blocker.unblock():
        before, counted = set(ImportRecord.objects.values_list("pk", flat=True)), counts()
    yield
    with django_db_blocker.unblock():
        for record in ImportRecord.objects.exclude(pk__in=before):
            for name, item_uuid in record.created_items:
                model = content_types.get(name).model
                if model is not Category:
                    model.objects.filter(uuid=item_uuid).delete()
            made = [item_uuid for name, item_uuid in record.created_items if name == "category"]
            while Category.objects.filter(uuid__in=made).exists():
                Category.objects.filter(uuid__in=made, children__isnull=True).delete()
            record.delete()
        assert counts() == counted, "the import left items behind for the other browser tests"
        connection.close()


def test_a_councils_word_document_is_published_and_searchable_in_its_first_hour(
    staff_page, forget_imports, new_context
):
    from tests.imports.docx_builder import council_document

    # Given a site manager with the council's Word document
    manager = staff_page("Site manager")
    manager.goto("/admin/")
    manager.get_by_role("link", name="Import a Word document").click()
    manager.get_by_label("Word document").set_input_files(
        files=[{"name": "Riverside OAP.docx", "buffer": council_document(),
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}]
    )  # fmt: skip
    manager.get_by_role("button", name="Upload and preview").click()
    expect(manager.get_by_text("40 strategies and 4 resources were found")).to_be_visible()

    # When they set defaults for whole sections: the SEMH strategies are at SEN Support, and the
    # "What every classroom should do" headings go into the area above rather than new categories
    manager.get_by_label(
        "Level of support for everything under “Social, emotional and mental health (SEMH)”"
    ).select_option(label="SEN Support")
    classroom = manager.get_by_label(re.compile(r"^Where “.* › What every classroom should do” goes$"))
    expect(classroom).to_have_count(4)
    for select in classroom.all():
        select.select_option("up")
    manager.get_by_role("button", name="Create these as drafts").click()
    expect(manager.locator("#content-main")).to_contain_text("40 strategies, 4 resources")

    # and submit them all, then publish them all from the lists of items waiting for review (the five
    # strategies written only in the pupil's words too: a strategy needs a teacher statement or the child's words)
    manager.get_by_role("button", name="Submit all for review").click()
    expect(manager.locator(".messagelist")).to_contain_text("44 draft items from Riverside OAP.docx submitted")
    for changelist, movable, selected in [("categories/strategy", 40, 40), ("resources/resource", 4, 4)]:
        manager.goto(f"/admin/{changelist}/?status__exact=in_review")
        manager.locator("#action-toggle").check()
        manager.select_option("select[name=action]", "bulk_publish")
        manager.locator("button[name=index]").first.click()
        expect(manager.locator("#content-main caption")).to_have_text(
            f"{movable} of {selected} selected items can be changed"
        )
        # publishing forty items is one long request: allow for a busy machine
        manager.get_by_role("button", name=f"Yes, publish {movable} items").click(timeout=60_000)
        expect(manager.locator(".messagelist")).to_contain_text(f"Publish: {movable} item(s) done.", timeout=60_000)

    # Then visitors find them with the public search
    visitor = new_context(viewport={"width": 1280, "height": 800}).new_page()
    for query, title in [("processing time", "Give processing time"), ("subtitles", "Use subtitles"),
                         ("precision teaching", "Precision teaching for number facts")]:  # fmt: skip
        visitor.goto(f"/search/?q={query}")
        expect(visitor.locator("main")).to_contain_text(title)
