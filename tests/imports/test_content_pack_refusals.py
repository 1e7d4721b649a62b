"""Content packs refused, or cleaned, before anything is written: no starter content needed."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from categories.models import Category
from oap_directory.content_packs import PackError, build_content
from oap_directory.models import ImportRecord
from oap_directory.pack_import import import_pack

pytestmark = pytest.mark.django_db


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


def test_hostile_html_in_a_pack_is_sanitised(db):
    content = build_content()
    content["categories"] = [
        {"uuid": "3f2b8c1e-8d5a-4a7b-9c1d-2e3f4a5b6c7d", "slug": "evil", "name": "Evil", "parent": None, "order": 0,
         "introduction": '<p onclick="alert(1)">Hi<script>alert(2)</script></p>', "status": "published"}
    ]  # fmt: skip
    import_pack(_zip({"content.json": json.dumps(content)}), "pack.zip")
    assert Category.objects.get(slug="evil").introduction == "<p>Hi</p>"


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
