import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from oap_directory.branding import clean_svg, validate_logo
from oap_directory.models import SiteSettings

pytestmark = pytest.mark.django_db

HOSTILE_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">
<script>alert(2)</script><foreignObject><body onload="alert(3)"/></foreignObject>
<a xlink:href="javascript:alert(4)"><rect width="10" height="10" fill="#fff" style="fill:url(https://evil.example/x)"/></a>
<use href="https://evil.example/sprite.svg#logo"/><circle r="4" fill="url(#grad)"/></svg>"""


def test_svg_logos_are_cleaned_of_anything_that_could_run():
    cleaned = clean_svg(HOSTILE_SVG).decode()
    for bad in ["alert", "script", "foreignObject", "onload", "javascript", "evil.example"]:
        assert bad not in cleaned
    assert "<rect" in cleaned and 'fill="url(#grad)"' in cleaned


def test_svg_with_entities_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><svg xmlns="http://www.w3.org/2000/svg">&lol;</svg>'
    )
    with pytest.raises(ValidationError, match="DOCTYPE"):
        validate_logo(SimpleUploadedFile("logo.svg", bomb))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", b"GIF89a", "don’t match"),
        ("logo.gif", b"GIF89a", "PNG, JPEG or SVG"),
        ("logo.svg", b"<html><script>alert(1)</script></html>", "not an SVG"),
        ("logo.svg", b"not xml at all <", "can’t be used"),
    ],
)
def test_other_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_logo(SimpleUploadedFile(name, content))


def test_saved_svg_logo_is_stored_clean_and_shown_in_the_header(client):
    site = SiteSettings.load()
    site.logo = SimpleUploadedFile("council.svg", HOSTILE_SVG, content_type="image/svg+xml")
    site.save()
    site.refresh_from_db()
    stored = site.logo.read()
    assert b"alert" not in stored and b"<rect" in stored
    content = client.get("/").content.decode()
    assert f'src="{site.logo.url}"' in content and f'alt="{site.council_name}"' in content
