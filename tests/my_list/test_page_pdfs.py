"""A PDF of any strategy, intervention or category page, made on request from the page itself."""

import io

import pytest
from pypdf import PdfReader

from categories.content import Status
from oap_directory import pdf
from oap_directory.models import SiteSettings
from tests.factories import make_category, make_intervention, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site():
    return SiteSettings.load()


def test_a_strategy_page_links_to_its_pdf_which_holds_the_page_without_its_controls(client):
    strategy = make_strategy(title="Paired reading at home", how="<p>Read together for ten minutes daily.</p>")
    assert f'href="/strategies/{strategy.slug}/pdf/"' in client.get(strategy.get_absolute_url()).content.decode()
    response = client.get(f"/strategies/{strategy.slug}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{strategy.slug}.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 3
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Paired reading at home" in text and "Read together for ten minutes daily." in text
    assert "Add to my list" not in text and "Was this page useful?" not in text


def test_intervention_and_category_pages_have_pdfs_of_the_same_page(client, monkeypatch):
    rendered = []
    monkeypatch.setattr(pdf, "render_pdf", lambda html, base_url=None: rendered.append(html) or b"%PDF-1.7")
    category = make_category(name="Early reading")
    make_strategy(title="Shared book talk", categories=[category])
    intervention = make_intervention(name="Reading buddies", summary="Older pupils read with younger ones.")
    for page, pdf_url, words in [
        (intervention.get_absolute_url(), f"/interventions/{intervention.slug}/pdf/", "Older pupils read"),
        (category.get_absolute_url(), f"/categories/{category.slug}/pdf/", "Shared book talk"),
    ]:
        assert f'href="{pdf_url}"' in client.get(page).content.decode()
        response = client.get(pdf_url)
        assert response["Content-Type"] == "application/pdf"
        assert words in rendered[-1]


def test_a_draft_has_no_public_pdf(client):
    draft = make_strategy(status=Status.DRAFT)
    assert client.get(f"/strategies/{draft.slug}/pdf/").status_code == 404
