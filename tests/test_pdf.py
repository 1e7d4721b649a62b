"""PDFs are rendered on request from the pages' own HTML, tagged for accessibility, and never fetch from the network."""

import io

import pytest
from django.test import RequestFactory
from pypdf import PdfReader

from oap_directory import pdf
from oap_directory.models import SiteSettings

PAGE = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Movement breaks</title>
<link rel="stylesheet" href="/static/css/oap.css"></head>
<body><h1>Movement breaks</h1><p>I can move between tasks, so that I can focus again.</p>
<p><a href="/strategies/movement-breaks/">Read it online</a></p></body></html>"""


def _reader(content):
    return PdfReader(io.BytesIO(content))


def test_a_page_becomes_a_tagged_pdf_with_its_title_and_language():
    reader = _reader(pdf.render_pdf(PAGE))
    text = reader.pages[0].extract_text()
    assert "Movement breaks" in text and "so that I can focus again" in text
    assert reader.metadata.title == "Movement breaks"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in catalog  # tagged: screen readers can follow the structure


def test_links_in_the_pdf_point_at_the_sites_public_address(settings):
    settings.SITE_URL = "https://oap.northbrook.example"
    reader = _reader(pdf.render_pdf(PAGE))
    uris = [annotation.get_object()["/A"]["/URI"] for annotation in reader.pages[0]["/Annots"]]
    assert uris == ["https://oap.northbrook.example/strategies/movement-breaks/"]


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://www.example.com/tracker.png",
        "file:///etc/passwd",
        "http://127.0.0.1:8000/media/resources/2026/11/draft-plan.pdf",
        "http://127.0.0.1:8000/static/../../oap_directory/settings.py",
        "ftp://127.0.0.1/anything",
    ],
)
def test_nothing_outside_the_sites_own_static_files_and_page_images_is_fetched(url):
    with pytest.raises(ValueError):
        pdf._url_fetcher().fetch(url)


def test_the_stylesheet_and_page_images_are_read_from_disk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "editor-images").mkdir()
    (tmp_path / "editor-images" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert pdf.local_file("/static/css/oap.css").name == "oap.css"
    assert pdf.local_file("/media/editor-images/chart.png") == tmp_path / "editor-images" / "chart.png"
    assert pdf.local_file("/media/editor-images/../../secrets.txt") is None


@pytest.mark.django_db
def test_a_page_template_is_answered_as_a_pdf_that_no_cache_keeps_by_default():
    SiteSettings.objects.update_or_create(pk=1, defaults={"council_name": "Northbrook Council"})
    request = RequestFactory().get("/contact/pdf/")
    response = pdf.pdf_response(request, "oap_directory/contact.html", {}, "contact.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="contact.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert "Contact" in _reader(response.content).pages[0].extract_text()


@pytest.mark.django_db
def test_when_the_queue_is_full_visitors_are_asked_to_try_again_in_a_moment():
    SiteSettings.load()
    held = 0
    while pdf._queue.acquire(blocking=False):
        held += 1
    try:
        response = pdf.pdf_response(RequestFactory().get("/my-list/pdf/"), "oap_directory/contact.html", {}, "x.pdf")
    finally:
        for _ in range(held):
            pdf._queue.release()
    assert held == pdf.QUEUE_LENGTH + 1
    assert response.status_code == 503
    assert response["Retry-After"] == str(pdf.RETRY_AFTER_SECONDS)
    assert "Try again in a moment" in response.content.decode()
