"""A directory set up before the standard categories had fixed identities gets them on upgrade."""

import io
import json
import uuid
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from accounts.models import User
from categories.history import record_version, revert
from categories.identities import STANDARD_NAMESPACE, standard_identity, standard_paths
from categories.models import Category
from oap_directory.models import ImportedItem, ImportRecord
from oap_directory.starter_content import STARTER_DIR
from tests.admin_forms import change_form_data
from tests.factories import make_category, make_intervention, make_strategy
from tests.imports.docx_builder import council_document
from tests.imports.forms import form_data

pytestmark = pytest.mark.django_db
migration = import_module("oap_directory.migrations.0018_standard_category_identities")


def _old_tree():
    """The standard areas of need as an older directory has them: random identities."""
    areas = make_category(slug="areas-of-need", name="The four broad areas of need", uuid=uuid.uuid4())
    cognition = make_category(slug="cognition-and-learning", name="Cognition and learning", parent=areas)
    reading = make_category(slug="reading", name="Reading", parent=cognition, uuid=uuid.uuid4())
    return areas, cognition, reading


def _upgrade():
    migration.give_standard_identities(apps, None)


def test_the_standard_categories_take_their_fixed_identities(admin_user):
    areas, cognition, reading = _old_tree()
    old = str(reading.uuid)
    _upgrade()
    for category in (areas, cognition, reading):
        category.refresh_from_db()
        assert category.uuid == standard_identity(category.slug)
    assert reading.history.filter(uuid=old).count() == 0


def test_history_and_imports_follow_a_category_to_its_new_identity(admin_user):
    _, _, reading = _old_tree()
    strategy = make_strategy(categories=[reading])
    intervention = make_intervention(categories=[reading])
    first = record_version(strategy, admin_user)
    record_version(intervention, admin_user)
    ImportedItem.objects.create(uuid=reading.uuid, source_fingerprint="a", local_fingerprint="b")
    created = [["category", str(reading.uuid)], ["strategy", str(strategy.uuid)]]
    record = ImportRecord.objects.create(kind="content_pack", file_name="pack.zip", created_items=created)
    _upgrade()
    fixed = str(standard_identity("reading"))
    assert intervention.history.latest("history_id").relations["categories"] == [fixed]
    assert ImportedItem.objects.get().uuid == uuid.UUID(fixed)
    record.refresh_from_db()
    assert record.created_items == [["category", fixed], ["strategy", str(strategy.uuid)]]
    strategy.categories.clear()
    assert revert(strategy, strategy.history.get(pk=first.pk), admin_user) == []
    assert list(strategy.categories.all()) == [reading]


def test_a_category_elsewhere_in_the_tree_keeps_its_identity():
    reading = make_category(slug="reading", name="Reading")  # at the top, not under cognition and learning
    before = reading.uuid
    _upgrade()
    reading.refresh_from_db()
    assert reading.uuid == before


def test_an_identity_another_category_already_has_is_not_taken():
    other = make_category(slug="our-reading", uuid=standard_identity("reading"))
    _, _, reading = _old_tree()
    before = reading.uuid
    _upgrade()
    reading.refresh_from_db()
    other.refresh_from_db()
    assert reading.uuid == before and other.uuid == standard_identity("reading")
    assert Category.objects.get(slug="cognition-and-learning").uuid == standard_identity("cognition-and-learning")


def test_the_upgrade_knows_every_standard_category_of_the_starter_content():
    assert standard_paths() == migration.STANDARD_PATHS
    assert len(standard_paths()) == len(json.loads((STARTER_DIR / "categories.json").read_text(encoding="utf-8")))
    assert migration.NAMESPACE == STANDARD_NAMESPACE


def test_a_sub_area_a_word_import_adds_under_the_standard_areas_gets_its_fixed_identity(client):
    call_command(
        "setup_council", council_name="Riverside Council", contact_email="send@riverside.example",
        manager_email="lead@riverside.example", content="areas", interactive=False, stdout=io.StringIO(),
    )  # fmt: skip
    client.force_login(User.objects.get(email="lead@riverside.example"))
    document = SimpleUploadedFile("Riverside OAP.docx", council_document())
    preview = client.post("/admin/word-import/", {"document": document}, follow=True).content.decode()
    client.post("/admin/word-import/", form_data(preview), follow=True)
    reading = Category.objects.get(name="Reading")
    assert reading.slug == "reading" and reading.uuid == standard_identity("reading")
    classroom = Category.objects.filter(name="What every classroom should do")
    assert classroom.count() == 4 and not any(c.uuid == standard_identity(c.slug) for c in classroom)


def test_the_docs_list_every_standard_identity():
    docs = (STARTER_DIR.parent.parent / "docs" / "content-packs.md").read_text(encoding="utf-8")
    for row in json.loads((STARTER_DIR / "categories.json").read_text(encoding="utf-8")):
        assert f"| `{row['slug']}` | {row['name']} | `{standard_identity(row['slug'])}` |" in docs


def _add_in_admin(client, name, slug, parent=None):
    page = client.get("/admin/categories/category/add/")
    data = change_form_data(page, name=name, slug=slug, parent=parent.pk if parent else "", order="1")
    response = client.post("/admin/categories/category/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Category.objects.get(slug=slug)


def test_standard_categories_a_site_manager_adds_by_hand_get_their_fixed_identities(client, site_manager):
    """On an empty site, “Whole-school” added in the admin lines up with every other council's; a category of
    the council's own, or a standard slug in another place, gets a new identity of its own."""
    client.force_login(site_manager)
    whole_school = _add_in_admin(client, "Whole-school", "whole-school")
    transitions = _add_in_admin(client, "Moving on", "transitions", parent=whole_school)
    ours = _add_in_admin(client, "Outdoor learning", "outdoor-learning", parent=whole_school)
    areas = _add_in_admin(client, "Areas of need", "areas-of-need")
    misplaced = _add_in_admin(client, "Reading", "reading", parent=areas)  # a standard slug, not its standard path
    assert whole_school.uuid == standard_identity("whole-school")
    assert transitions.uuid == standard_identity("transitions")
    assert areas.uuid == standard_identity("areas-of-need")
    assert ours.uuid != standard_identity("outdoor-learning") and misplaced.uuid != standard_identity("reading")
