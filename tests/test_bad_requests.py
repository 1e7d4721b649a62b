"""Inputs that used to cause a server error: each now gets a clear 400, 404 or form error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from categories.models import Strategy
from tests.factories import make_category, make_level
from tests.imports.docx_builder import oap_document

pytestmark = pytest.mark.django_db


def _word_preview(client, publisher):
    make_category(name="Cognition and learning", slug="cognition-and-learning")
    make_level(name="SEN Support", slug="targeted")
    client.force_login(publisher)
    client.post("/admin/word-import/", {"document": SimpleUploadedFile("Our OAP.docx", oap_document())})
    return client.session["oap_word_import"]["items"]


@pytest.mark.parametrize("target", ["existing:abc", "new:999", "new:-1", "existing:", "new:x", "\x00"])
def test_a_tampered_word_import_category_is_refused_clearly(client, publisher, target):
    items = _word_preview(client, publisher)
    data = {"confirm": "1", **{f"item-{i}-include": "on" for i in range(len(items))}, "item-0-category": target}
    response = client.post("/admin/word-import/", data, follow=True)
    assert response.status_code == 200
    assert "no longer in the list" in response.content.decode()
    assert not Strategy.objects.exists()
    assert "oap_word_import" in client.session  # the preview is kept, to choose again


def test_a_damaged_png_sent_to_the_image_upload_is_refused_clearly(client, editor, settings):
    client.force_login(editor)
    damaged = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\xff" * 40
    response = client.post("/ckeditor5/image_upload/", {"upload": SimpleUploadedFile("chart.png", damaged)})
    assert response.status_code == 400 and "damaged" in response.json()["error"]["message"]
    assert not (settings.MEDIA_ROOT / "editor-images").exists()


def test_an_image_upload_without_a_file_is_refused_clearly(client, editor):
    client.force_login(editor)
    response = client.post("/ckeditor5/image_upload/", {})
    assert response.status_code == 400 and response.json()["error"]["message"]


def test_a_very_long_media_address_is_not_found(client, settings):
    settings.SERVE_MEDIA = True
    assert client.get("/media/" + "x" * 5000).status_code == 404
    assert client.get("/media/" + "a/" * 3000 + "b.png").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/admin/categories/strategy/?status__exact=%00",
        "/admin/categories/strategy/?q=%00",
        "/admin/autocomplete/?term=%00&app_label=categories&model_name=strategy&field_name=categories",
        "/admin/resources/resource/?kind__exact=a%00b",
    ],
)
def test_a_nul_character_in_an_admin_address_is_a_clear_bad_request(client, site_manager, url):
    client.force_login(site_manager)
    response = client.get(url)
    assert response.status_code == 400
    assert "character that cannot be used" in response.content.decode()


def test_a_posted_category_that_is_not_an_id_shows_the_form_again(client, editor):
    client.force_login(editor)
    response = client.post("/admin/categories/strategy/add/", {"title": "New", "categories": ["abc", "\u202e"]})
    assert response.status_code == 200 and "is not a valid value" in response.content.decode()


def test_a_tampered_spreadsheet_confirmation_is_refused_without_touching_other_files(client, publisher):
    import tempfile
    from pathlib import Path

    other = Path(tempfile.gettempdir()) / "someone-elses-file.txt"
    other.write_text("keep me")
    client.force_login(publisher)
    for name, file_format in [("someone-elses-file.txt", "0"), ("tmpabcdefgh", "abc"), ("tmpabcdefgh", "0")]:
        response = client.post(
            "/admin/categories/strategy/process_import/",
            {"import_file_name": name, "original_file_name": "x.csv", "format": file_format},
            follow=True,
        )
        assert "can no longer be confirmed" in response.content.decode()
    assert other.read_text() == "keep me"
    other.unlink()


def test_a_send_back_comment_with_a_nul_character_is_kept_without_it(client, publisher):
    from categories.content import Status
    from tests.factories import make_strategy

    strategy = make_strategy(status=Status.IN_REVIEW)
    client.force_login(publisher)
    client.post(
        f"/admin/categories/strategy/{strategy.pk}/transition/send_back/", {"comment": "Check\x00 the spelling"}
    )
    strategy.refresh_from_db()
    assert strategy.status == Status.DRAFT
    assert strategy.history.first().history_change_reason == "Send back to draft: Check the spelling"
