import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from categories.models import Category, Level, Phase, Strategy
from oap_directory.content_packs import PackError, build_content, import_pack, pack_bytes
from oap_directory.models import ImportRecord, Synonym
from oap_directory.starter_content import StarterContentLoader
from resources.models import Intervention, Resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter(db):
    StarterContentLoader().load()
    resource = Resource.objects.published().first()
    resource.url = ""
    resource.file = SimpleUploadedFile("plan.pdf", b"%PDF-1.7 a provision map template")
    resource.save()
    return resource


def _wipe_everything():
    Strategy.objects.all().delete()
    Intervention.objects.all().delete()
    Resource.objects.all().delete()
    while Category.objects.exists():
        Category.objects.filter(children__isnull=True).delete()
    Level.objects.all().delete()
    Phase.objects.all().delete()
    Synonym.objects.all().delete()


def _content(pack):
    with zipfile.ZipFile(io.BytesIO(pack)) as archive:
        content = json.loads(archive.read("content.json"))
        files = {name: archive.read(name) for name in archive.namelist() if name.startswith("files/")}
    content.pop("exported_at")
    content.pop("source")
    return content, files


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
    assert any(name.startswith("files/resources/") for name in _content(second)[1])
    assert any(name.startswith("files/editor-images/") for name in _content(second)[1])


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
    record = import_pack(io.BytesIO(pack), "pack.zip")
    assert record.counts["conflicts"] == 1
    assert strategy.title in record.messages[0] and "not overwritten" in record.messages[0]
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


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (io.BytesIO(b"MZ\x90\x00 this is a renamed program"), "isn’t a zip file"),
        (_zip({"readme.txt": "hello"}), "no content.json"),
        (_zip({"content.json": "{not json"}), r"not valid JSON \(line 1"),
        (_zip({"content.json": b"\xff\xfe{}"}), "not UTF-8"),
        (
            _zip({"content.json": json.dumps({"format": "oap-content-pack", "version": 1})}),
            "does not match the content pack format",
        ),
        (_zip({"content.json": "{}", "../../etc/passwd": "x"}), "unsafe name"),
        (_zip({"content.json": "{}", "files/bomb.bin": b"\0" * 5_000_000}), "zip bomb"),
    ],
)
def test_bad_packs_are_refused_with_a_clear_message_and_nothing_written(db, source, message):
    with pytest.raises(PackError, match=message):
        import_pack(source, "bad.zip")
    assert not ImportRecord.objects.exists() and not Category.objects.exists()


def test_a_pack_missing_a_referenced_file_writes_nothing(starter):
    content = build_content()
    _wipe_everything()
    with pytest.raises(PackError, match="which is not in it"):
        import_pack(_zip({"content.json": json.dumps(content)}), "pack.zip")
    assert not Strategy.objects.exists()


def test_hostile_html_in_a_pack_is_sanitised(db):
    content = build_content()
    content["categories"] = [
        {"uuid": "3f2b8c1e-8d5a-4a7b-9c1d-2e3f4a5b6c7d", "slug": "evil", "name": "Evil", "parent": None, "order": 0,
         "introduction": '<p onclick="alert(1)">Hi<script>alert(2)</script></p>', "status": "published"}
    ]  # fmt: skip
    import_pack(_zip({"content.json": json.dumps(content)}), "pack.zip")
    assert Category.objects.get(slug="evil").introduction == "<p>Hi</p>"


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
    response = client.post("/admin/content-packs/", {"pack": upload}, follow=True)
    assert "Imported shared.zip" in response.content.decode()
    assert Strategy.objects.exists() and not Strategy.objects.published().exists()
    record = ImportRecord.objects.get()
    assert record.created_by == site_manager and record.counts["created"] > 0


def test_admin_import_refuses_bad_files_with_a_message(client, site_manager):
    client.force_login(site_manager)
    response = client.post("/admin/content-packs/", {"pack": SimpleUploadedFile("pack.zip", b"not a zip")})
    assert response.status_code == 200 and "isn’t a zip file" in response.content.decode()
    response = client.post("/admin/content-packs/", {"pack": SimpleUploadedFile("pack.docx", b"x")})
    assert "Choose a .zip content pack" in response.content.decode()


def test_editors_and_publishers_cannot_use_content_packs(client, editor, publisher):
    for user in (editor, publisher):
        client.force_login(user)
        assert client.get("/admin/content-packs/").status_code == 403
