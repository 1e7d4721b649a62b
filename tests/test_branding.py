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


STYLED_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg">
<style>@import url(https://evil.example/track.css); rect { fill: red }</style>
<rect width="10" height="10" style="fill: u\\72l(https://evil.example/x.png)"/>
<circle r="4" fill="#fff" style="background:url(https://evil.example/y)"/></svg>"""


def test_svg_logos_lose_style_elements_and_style_attributes():
    cleaned = clean_svg(STYLED_SVG).decode()
    assert "<style" not in cleaned and "style=" not in cleaned and "evil.example" not in cleaned
    assert "<rect" in cleaned and 'fill="#fff"' in cleaned


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_svg_in_utf16_with_a_doctype_is_refused(encoding):
    bomb = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
    bomb += '<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>'
    data = bomb.encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff" + bomb).encode(encoding)
    with pytest.raises(ValidationError, match="DOCTYPE"):
        validate_logo(SimpleUploadedFile("logo.svg", data))


def test_svg_in_utf16_without_tricks_is_cleaned_and_stored_as_utf8():
    svg = '<?xml version="1.0" encoding="UTF-16"?><svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
    cleaned = clean_svg(svg.encode("utf-16"))
    assert cleaned.startswith(b"<?xml version='1.0' encoding='utf-8'?>") and b"<rect" in cleaned
