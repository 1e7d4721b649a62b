"""My list as a PDF handout: the council's name, the date, each item's statements, how to do it and address."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from categories.content import Status
from oap_directory.models import SiteSettings
from tests.factories import make_resource, make_strategy

pytestmark = pytest.mark.django_db


def test_a_list_of_five_strategies_becomes_a_handout(client, settings):
    settings.SITE_URL = "https://oap.northbrook.example"
    SiteSettings.objects.update_or_create(pk=1, defaults={"council_name": "Northbrook Council"})
    strategies = [
        make_strategy(
            title=f"Handout strategy {n}",
            teacher_statement=f"Teacher statement number {n}.",
            how=f"<p>Step-by-step guidance {n}.</p>",
        )
        for n in range(5)
    ]
    withdrawn = make_strategy(title="Withdrawn one", status=Status.ARCHIVED)
    items = ",".join(str(item.uuid) for item in [*strategies, withdrawn])
    response = client.get(f"/my-list/pdf/?items={items}")
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert not response.cookies
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1  # short statements: all five fit on one A4 page
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Northbrook Council" in text
    assert timezone.localdate().strftime("%B %Y") in text
    for n, strategy in enumerate(strategies):
        assert f"Handout strategy {n}" in text
        assert f"Teacher statement number {n}." in text
        assert f"Step-by-step guidance {n}." in text
        assert f"https://oap.northbrook.example{strategy.get_absolute_url()}" in text
    assert "Withdrawn one" not in text


def test_a_resource_in_the_handout_carries_its_web_address(client):
    SiteSettings.load()
    resource = make_resource(title="Phonics pack", url="https://www.northbrook.example/phonics-pack")
    response = client.get(f"/my-list/pdf/?items={resource.uuid}")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Phonics pack" in text and "https://www.northbrook.example/phonics-pack" in text
