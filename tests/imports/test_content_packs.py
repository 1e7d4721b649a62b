import hashlib
import io
import json
import shutil
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test.utils import override_settings

from categories.models import Category, Level, Phase, Strategy
from finder.models import CheckPrompt, DiagnosticTerm, Observation, Signpost
from oap_directory.content_packs import PackError, build_content, pack_bytes
from oap_directory.models import ImportRecord, Synonym
from oap_directory.pack_import import import_pack, plan_pack
from oap_directory.starter_content import StarterContentLoader
from resources.models import Intervention, Resource, StaffRole
from selfreview.models import Framework, RatingScale
from tests.imports.test_content_pack_refusals import _zip

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _starter_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The starter content with one resource as an uploaded file, loaded once for this module (it is slow to load)
    and rolled back after it; each test runs in a savepoint inside, so what a test does is undone after it."""
    media = tmp_path_factory.mktemp("starter-media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        StarterContentLoader().load()
        resource = Resource.objects.published().first()
        resource.url = ""
        resource.file = SimpleUploadedFile("plan.pdf", b"%PDF-1.7 a provision map template")
        resource.save()
        yield media, resource.pk
        transaction.set_rollback(True)


@pytest.fixture
def starter(_starter_site, db, settings):
    """The starter site, with its files in this test's own media folder."""
    media, resource_pk = _starter_site
    shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return Resource.objects.get(pk=resource_pk)


def _wipe_everything():
    Observation.objects.all().delete()  # the finder's observations protect their categories
    for model in (CheckPrompt, Signpost, DiagnosticTerm, Framework, RatingScale):
        model.objects.all().delete()
    Strategy.objects.all().delete()
    Intervention.objects.all().delete()
    StaffRole.objects.all().delete()
    Resource.objects.all().delete()
    while Category.objects.exists():
        Category.objects.filter(children__isnull=True).delete()
    Level.objects.all().delete()
    Phase.objects.all().delete()
    Synonym.objects.all().delete()


def _content(pack):
    """The pack's content and files, with each file named by its bytes (an import gives files new names)."""
    with zipfile.ZipFile(io.BytesIO(pack)) as archive:
        raw = archive.read("content.json").decode()
        files = {name: archive.read(name) for name in archive.namelist() if name.startswith("files/")}
    for name, data in files.items():
        raw = raw.replace(name.removeprefix("files/"), hashlib.sha256(data).hexdigest())
    content = json.loads(raw)
    content.pop("exported_at")
    content.pop("source")
    return content, sorted(files.values())


def test_round_trip_into_an_empty_database_is_lossless(starter, settings):
    first = pack_bytes()
    _wipe_everything()
    for path in settings.MEDIA_ROOT.rglob("*"):
        if path.is_file():
            path.unlink()
    record = import_pack(io.BytesIO(first), "pack.zip", publish=True)
    assert record.counts["created"] > 200 and record.counts["conflicts"] == 0
    second = pack_bytes()
    assert _content(first) == _content(second)
    with zipfile.ZipFile(io.BytesIO(second)) as archive:
        names = archive.namelist()
    assert any(name.startswith("files/resources/") for name in names)
    assert any(name.startswith("files/editor-images/") for name in names)


def test_two_councils_that_began_from_the_starter_content_give_its_items_the_same_identities(starter):
    import uuid

    from oap_directory.starter_content import STARTER_NAMESPACE

    for model in (Strategy, Intervention, Resource, Observation):
        for slug, identity in model.objects.values_list("slug", "uuid"):
            assert identity == uuid.uuid5(STARTER_NAMESPACE, f"{model._meta.model_name}/{slug}"), slug
    record = import_pack(io.BytesIO(pack_bytes()), "another-starter-council.zip")
    assert record.counts["conflicts"] == 0 and not [m for m in record.messages if "already used" in m]


def test_imports_arrive_as_drafts_unless_asked(starter):
    pack = pack_bytes()
    _wipe_everything()
    import_pack(io.BytesIO(pack), "pack.zip")
    assert Strategy.objects.exists() and not Strategy.objects.published().exists()


def test_importing_again_updates_nothing_and_duplicates_nothing(starter):
    pack = pack_bytes()
    count = Strategy.objects.count()
    record = import_pack(io.BytesIO(pack), "pack.zip")
    assert record.counts["created"] == 0 and record.counts["updated"] == 0 and record.counts["conflicts"] == 0
    assert Strategy.objects.count() == count


def test_local_changes_are_reported_as_conflicts_not_overwritten(starter):
    pack = pack_bytes()
    strategy = Strategy.objects.published().first()
    strategy.teacher_statement = "Changed by this council."
    strategy.save()
    report = plan_pack(io.BytesIO(pack))
    assert report.counts["conflicts"] == 1
    conflict = next(d for d in report.decisions if d["outcome"] == "conflict")
    assert conflict["label"] == strategy.title and conflict["resolution"] == "ours"
    strategy.refresh_from_db()
    assert strategy.teacher_statement == "Changed by this council."
    import_pack(io.BytesIO(pack), "pack.zip", overwrite=True)
    strategy.refresh_from_db()
    assert strategy.teacher_statement != "Changed by this council."


def test_levels_and_phases_are_matched_by_name(starter):
    pack = pack_bytes()
    _wipe_everything()
    Level.objects.create(name="sen support", slug="sen-support-local", order=5, is_costed=True)
    import_pack(io.BytesIO(pack), "pack.zip")
    assert Level.objects.filter(name__iexact="SEN Support").count() == 1
    assert Intervention.objects.filter(level__slug="sen-support-local").exists()


def test_staff_roles_travel_by_slug_and_the_importing_councils_rate_is_used(starter):
    pack = pack_bytes()
    content = build_content()
    teaching_assistant = {
        "name": "Teaching assistant", "slug": "teaching-assistant", "hourly_rate": "14.00",
        "on_cost_percent": "28.00", "valid_from": "2025-09-01", "valid_to": None,
    }  # fmt: skip
    assert teaching_assistant in content["staff_roles"]
    phonics = next(item for item in content["interventions"] if item["slug"] == "small-group-phonics-catch-up")
    assert phonics["costing"] == {
        "staff_role": "teaching-assistant", "pupils_per_group": 4, "minutes_per_session": 30,
        "sessions_per_week": "4", "weeks": "16", "resource_cost_per_pupil": "25.00",
    }  # fmt: skip
    _wipe_everything()
    StaffRole.objects.create(
        name="Teaching assistant", slug="teaching-assistant", hourly_rate="20.00", on_cost_percent="25",
        valid_from="2025-09-01",
    )  # fmt: skip
    record = import_pack(io.BytesIO(pack), "pack.zip")
    assert "Staff role “Teaching assistant” has a different rate here: ours kept." in record.messages
    assert StaffRole.objects.filter(slug="senco").exists()
    phonics = Intervention.objects.get(slug="small-group-phonics-catch-up")
    assert phonics.staff_role.hourly_rate == 20
    assert str(phonics.cost_per_pupil_per_year) == "225.00"  # 20 × 1.25 × 0.5 × 4 × 16 ÷ 4 + 25


def test_a_pack_missing_a_referenced_file_writes_nothing(starter):
    content = build_content()
    _wipe_everything()
    with pytest.raises(PackError, match="which is not in it"):
        import_pack(_zip({"content.json": json.dumps(content)}), "pack.zip")
    assert not Strategy.objects.exists()


def test_management_commands_export_and_import(starter, tmp_path):
    pack = tmp_path / "pack.zip"
    out = io.StringIO()
    call_command("export_content", str(pack), stdout=out)
    assert "strategies" in out.getvalue()
    _wipe_everything()
    call_command("import_content", str(pack), "--published", stdout=out)
    assert Strategy.objects.published().exists()
    with pytest.raises(CommandError, match="no file"):
        call_command("import_content", str(tmp_path / "missing.zip"))


def test_site_managers_download_and_import_packs_in_admin(client, site_manager, starter):
    client.force_login(site_manager)
    assert "Content packs" in client.get("/admin/").content.decode()
    download = client.get("/admin/content-packs/?download=1")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    pack = b"".join(download.streaming_content) if download.streaming else download.content
    _wipe_everything()
    upload = SimpleUploadedFile("shared.zip", pack, content_type="application/zip")
    preview = client.post("/admin/content-packs/", {"pack": upload}, follow=True)
    assert "Check what this pack would change: shared.zip" in preview.content.decode()
    assert not Strategy.objects.exists()
    response = client.post("/admin/content-packs/", {"confirm": "1"}, follow=True)
    assert "What this import did" in response.content.decode()
    assert Strategy.objects.exists() and not Strategy.objects.published().exists()
    record = ImportRecord.objects.get()
    assert record.created_by == site_manager and record.counts["created"] > 0
