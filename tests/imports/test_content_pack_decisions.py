"""Content packs: decide first (with a preview), write files after; three-way updates with true conflicts."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from categories.identities import standard_identity
from categories.models import Category, Strategy
from oap_directory.content_packs import pack_bytes
from oap_directory.models import ImportRecord
from oap_directory.pack_import import import_pack, plan_pack
from oap_directory.starter_content import StarterContentLoader
from resources.models import Resource
from tests.factories import make_category, make_resource, make_strategy
from tests.imports.forms import form_data

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7 a provision map template"


@pytest.fixture
def source(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    area = make_category(name="Cognition and learning", slug="cl")
    reading = make_category(name="Reading", slug="reading", parent=area)
    strategy = make_strategy(title="Paired reading", slug="paired-reading", categories=[reading])
    plan = make_resource(title="Provision map", slug="provision-map", url="")
    plan.file = SimpleUploadedFile("plan.pdf", PDF)
    plan.save()
    return {"area": area, "reading": reading, "strategy": strategy, "plan": plan}


def _edit(pack, change=None, files=None):
    """The pack with content.json changed by `change(content)` and extra or replaced `files`."""
    with zipfile.ZipFile(io.BytesIO(pack)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    content = json.loads(members["content.json"])
    if change:
        change(content)
    members["content.json"] = json.dumps(content).encode()
    members.update(files or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _item(content, kind, slug):
    return next(item for item in content[kind] if item["slug"] == slug)


def _files(settings):
    return sorted(p.relative_to(settings.MEDIA_ROOT).as_posix() for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


def _outcomes(report):
    return {decision["label"]: decision["outcome"] for decision in report.decisions}


def test_a_conflict_leaves_the_file_here_alone(source, settings):
    pack = pack_bytes()
    source["plan"].summary = "Changed here."
    source["plan"].save()
    on_disk = source["plan"].file.name

    def theirs(content):
        _item(content, "resources", "provision-map")["summary"] = "Changed there."

    hostile = _edit(pack, theirs, {f"files/{on_disk}": b"<html><script>alert(1)</script></html>"})
    report = import_pack(io.BytesIO(hostile), "pack.zip").report
    assert _outcomes(report)["Provision map"] == "conflict"
    with source["plan"].file.open("rb") as handle:
        assert handle.read() == PDF


def test_files_are_checked_by_content_and_get_new_names(source, settings):
    pack = pack_bytes()
    name = source["plan"].file.name

    def as_new(content):
        _item(content, "resources", "provision-map").update(uuid="0f0f0f0f-0000-4000-8000-000000000009", slug="copy")

    good = import_pack(io.BytesIO(_edit(pack, as_new)), "pack.zip")
    copy = Resource.objects.get(slug="copy")
    assert copy.file.name != name and copy.file.name.startswith("resources/") and len(copy.file.name) > 30
    with copy.file.open("rb") as handle:
        assert handle.read() == PDF
    assert good.counts["created"] == 1
    copy.delete()

    before = _files(settings)
    bad = _edit(pack, as_new, {f"files/{name}": b"<html>not a pdf</html>", "files/editor-images/evil.html": b"<b>"})
    record = import_pack(io.BytesIO(bad), "pack.zip")
    assert not Resource.objects.filter(slug="copy").exists()
    assert any("don’t match" in message for message in record.messages)
    assert _files(settings) == before


def test_editor_images_must_be_images(source, settings):
    def picture(content):
        item = _item(content, "strategies", "paired-reading")
        item["how"] = '<p>See <img src="/media/editor-images/evil.png" alt="A chart"></p>'

    pack = _edit(pack_bytes(), picture, {"files/editor-images/evil.png": b"<svg onload=alert(1)>"})
    Strategy.objects.all().delete()
    before = _files(settings)
    record = import_pack(io.BytesIO(pack), "pack.zip")
    assert "evil" not in Strategy.objects.get(slug="paired-reading").how
    assert any("not a PNG or JPEG" in message for message in record.messages)
    assert _files(settings) == before


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "not a url"])
def test_web_addresses_in_a_pack_are_checked_like_the_admin_does(source, url):
    def hostile(content):
        item = _item(content, "resources", "provision-map")
        item.update(uuid="0f0f0f0f-0000-4000-8000-000000000001", slug="hostile", url=url, file=None)

    record = import_pack(io.BytesIO(_edit(pack_bytes(), hostile)), "pack.zip")
    assert not Resource.objects.filter(slug="hostile").exists()
    assert any("web address" in message for message in record.messages)


def test_the_preview_writes_nothing(source, settings):
    pack = pack_bytes()
    Strategy.objects.all().delete()
    before = _files(settings)
    report = plan_pack(io.BytesIO(pack))
    assert _outcomes(report)["Paired reading"] == "new" and _outcomes(report)["Reading"] == "unchanged"
    assert not Strategy.objects.exists() and not ImportRecord.objects.exists() and _files(settings) == before


def test_a_second_import_tells_their_changes_from_ours(source):
    pack = pack_bytes()
    Strategy.objects.all().delete()
    import_pack(io.BytesIO(pack), "first.zip")  # the base: what the source sent
    area = Category.objects.get(slug="cl")
    area.summary = "Changed here."
    area.save()
    strategy = Strategy.objects.get(slug="paired-reading")
    strategy.why = "<p>Changed here.</p>"
    strategy.save()

    def theirs(content):
        _item(content, "categories", "reading")["summary"] = "Changed there."
        _item(content, "strategies", "paired-reading")["why"] = "<p>Changed there.</p>"

    second = _edit(pack, theirs)
    report = plan_pack(io.BytesIO(second))
    outcomes = _outcomes(report)
    assert outcomes["Reading"] == "update" and outcomes["Cognition and learning"] == "kept"
    assert outcomes["Paired reading"] == "conflict"
    conflict = next(d for d in report.decisions if d["outcome"] == "conflict")
    assert ["why", "<p>Changed here.</p>", "<p>Changed there.</p>"] in conflict["diff"]
    assert conflict["resolution"] == "ours"  # unless the person importing chooses theirs

    import_pack(io.BytesIO(second), "second.zip", choices={str(strategy.uuid): "theirs"})
    assert Category.objects.get(slug="reading").summary == "Changed there."
    assert Category.objects.get(slug="cl").summary == "Changed here."
    assert Strategy.objects.get(slug="paired-reading").why == "<p>Changed there.</p>"
    assert set(_outcomes(plan_pack(io.BytesIO(second))).values()) == {"unchanged"}


def test_a_conflict_kept_as_ours_is_not_raised_again_by_the_same_pack(source):
    pack = pack_bytes()
    import_pack(io.BytesIO(pack), "first.zip")
    source["strategy"].refresh_from_db()
    source["strategy"].why = "<p>Ours.</p>"
    source["strategy"].save()

    def theirs(content):
        _item(content, "strategies", "paired-reading")["why"] = "<p>Theirs.</p>"

    second = _edit(pack, theirs)
    assert import_pack(io.BytesIO(second), "second.zip").counts["conflicts"] == 1
    assert Strategy.objects.get(slug="paired-reading").why == "<p>Ours.</p>"
    assert import_pack(io.BytesIO(second), "second.zip").counts["conflicts"] == 0


def test_a_category_whose_parent_is_missing_is_not_moved_to_the_top(source):
    def orphan(content):
        child = _item(content, "categories", "reading")
        child.update(uuid="0f0f0f0f-0000-4000-8000-000000000002", slug="phonics", name="Phonics")
        child["parent"] = "0f0f0f0f-0000-4000-8000-00000000dead"

    record = import_pack(io.BytesIO(_edit(pack_bytes(), orphan)), "pack.zip")
    assert not Category.objects.filter(slug="phonics").exists()
    assert any("Phonics" in m and "parent" in m for m in record.messages)


def test_councils_set_up_from_the_standard_categories_exchange_packs_cleanly(settings, tmp_path):
    """One council started from the starter content, another from setup_council's areas of need."""
    settings.MEDIA_ROOT = tmp_path / "media"
    loader = StarterContentLoader()
    loader.load_levels_and_phases()
    loader.load_categories()
    pack = pack_bytes()
    while Category.objects.exists():
        Category.objects.filter(children__isnull=True).delete()
    call_command(
        "setup_council", council_name="Riverside Council", contact_email="send@riverside.example",
        manager_email="lead@riverside.example", content="areas", interactive=False, stdout=io.StringIO(),
    )  # fmt: skip
    assert Category.objects.get(slug="semh").uuid == standard_identity("semh")

    record = import_pack(io.BytesIO(pack), "other-council.zip")
    assert record.counts["conflicts"] == 0
    assert not [m for m in record.messages if "already used" in m]
    reading = Category.objects.get(slug="reading")
    assert reading.parent.slug == "cognition-and-learning" and reading.parent.parent.slug == "areas-of-need"
    assert Category.objects.filter(parent=None).count() == 3  # whole school, areas of need, Teachers' Standards


def test_site_managers_preview_a_pack_then_choose_for_each_conflict(client, site_manager, source):
    pack = pack_bytes()
    strategy = source["strategy"]
    strategy.why = "<p>Ours.</p>"
    strategy.save()

    def theirs(content):
        _item(content, "strategies", "paired-reading")["why"] = "<p>Theirs.</p>"

    client.force_login(site_manager)
    upload = SimpleUploadedFile("shared.zip", _edit(pack, theirs), content_type="application/zip")
    preview = client.post("/admin/content-packs/", {"pack": upload}, follow=True).content.decode()
    assert "Check what this pack would change" in preview and "Paired reading" in preview
    assert "Changed here and in the pack" in preview and "&lt;p&gt;Theirs.&lt;/p&gt;" in preview
    assert not ImportRecord.objects.exists()
    data = form_data(preview)
    data[f"choice-{strategy.uuid}"] = "theirs"
    result = client.post("/admin/content-packs/", data, follow=True).content.decode()
    assert "What this import did" in result
    strategy.refresh_from_db()
    assert strategy.why == "<p>Theirs.</p>"
