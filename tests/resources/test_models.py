import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from resources.models import Resource
from resources.validators import validate_resource_file
from tests.factories import make_intervention, make_level

pytestmark = pytest.mark.django_db


def _resource(**fields):
    return Resource(title="Guide", slug="guide", summary="A guide.", **fields)


def test_resource_needs_a_url_or_a_file():
    with pytest.raises(ValidationError) as error:
        _resource().full_clean()
    assert "Give a web address or upload a file" in str(error.value)


def test_resource_cannot_have_both_url_and_file():
    upload = SimpleUploadedFile("guide.pdf", b"%PDF-1.7 test", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        _resource(url="https://example.org/", file=upload).full_clean()
    assert "not both" in str(error.value)


def test_resource_with_only_a_url_is_valid():
    _resource(url="https://example.org/").full_clean()


def _docx_bytes(folder="word/"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{folder}document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guide.pdf", b"%PDF-1.7 rest"),
        ("chart.png", b"\x89PNG\r\n\x1a\n rest"),
        ("photo.JPG", b"\xff\xd8\xff\xe0 rest"),
        ("plan.docx", _docx_bytes("word/")),
        ("sheet.xlsx", _docx_bytes("xl/")),
    ],
)
def test_allowed_files_pass_validation(name, content):
    validate_resource_file(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.html", b"<script>alert(1)</script>", "can’t be uploaded"),
        ("fake.pdf", b"<html><script>alert(1)</script>", "don’t match"),
        ("fake.docx", _docx_bytes("xl/"), "don’t match"),
        ("virus.exe", b"MZ", "can’t be uploaded"),
    ],
)
def test_files_are_checked_by_content_and_extension(name, content, message):
    with pytest.raises(ValidationError) as error:
        validate_resource_file(SimpleUploadedFile(name, content))
    assert message in str(error.value)


def test_files_over_the_size_limit_are_refused(settings):
    settings.RESOURCE_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError) as error:
        validate_resource_file(SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1)))
    assert "too big" in str(error.value)


def test_costed_level_requires_a_cost():
    intervention = make_intervention(level=make_level(name="SEN Support", is_costed=True))
    intervention.cost_per_pupil_per_year = None
    with pytest.raises(ValidationError) as error:
        intervention.full_clean()
    assert "Give an indicative cost" in str(error.value)


def test_universal_level_refuses_a_cost():
    intervention = make_intervention(level=make_level(name="Universal", is_costed=False))
    intervention.cost_per_pupil_per_year = Decimal("100.00")
    with pytest.raises(ValidationError) as error:
        intervention.full_clean()
    assert "never costed" in str(error.value)
