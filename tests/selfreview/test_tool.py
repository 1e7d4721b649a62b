"""The self-evaluation without JavaScript: each step posts the whole document and gets it back in the page."""

import json
import re
from html import unescape

import pytest

from selfreview.document import canonical, new
from tests.factories import make_category
from tests.selfreview.factories import make_framework, statements

pytestmark = pytest.mark.django_db
URL = "/self-evaluation/"


def embedded_document(response):
    match = re.search(r'name="document" value="([^"]*)"', response.content.decode())
    return json.loads(unescape(match.group(1)))


def post(client, document, **data):
    return client.post(URL, {"document": canonical(document), **data})


def test_start_page_offers_the_published_framework(client):
    framework = make_framework()
    response = client.get(URL)
    assert response.status_code == 200
    assert f"{framework.name} (version 1)" in response.content.decode()
    assert response["Cache-Control"] == "private, no-cache, no-store"
    assert not response.cookies


def test_starting_gives_an_empty_document_with_the_school_name(client):
    framework = make_framework()
    response = client.post(URL, {"step": "start", "framework": framework.pk, "school_name": "Oakfield Primary"})
    document = embedded_document(response)
    assert document == new(framework, "Oakfield Primary")
    assert "Oakfield Primary: self-evaluation" in response.content.decode()


def test_starting_without_a_school_name_says_what_to_fix(client):
    framework = make_framework()
    response = client.post(URL, {"step": "start", "framework": framework.pk, "school_name": ""})
    assert response.status_code == 400
    assert "Enter your school" in response.content.decode()


def test_rating_a_section_keeps_it_in_the_document_and_opens_the_next(client):
    framework = make_framework()
    first = statements(framework)[0]
    data = {
        "step": "section:1",
        "go": "section:2",
        f"rating-{first.uuid}": "developing",
        f"rationale-{first.uuid}": "Discussed at every SLT meeting",
        f"evidence-{first.uuid}": "SLT minutes",
    }
    response = post(client, new(framework, "Oakfield"), **data)
    document = embedded_document(response)
    assert document["ratings"][str(first.uuid)] == {
        "level": "developing",
        "rationale": "Discussed at every SLT meeting",
        "evidence": "SLT minutes",
    }
    assert '<h1 class="govuk-heading-xl">Section 2</h1>' in response.content.decode()


def test_sections_can_be_done_in_any_order(client):
    framework = make_framework()
    last = statements(framework)[-1]
    response = post(client, new(framework), step="section:2", go="overview", **{f"rating-{last.uuid}": "embedded"})
    assert embedded_document(response)["ratings"][str(last.uuid)]["level"] == "embedded"


def test_a_page_shows_the_ratings_already_in_the_document(client):
    framework = make_framework()
    first = statements(framework)[0]
    document = new(framework)
    document["ratings"][str(first.uuid)] = {"level": "emerging", "rationale": "Only in year 3", "evidence": ""}
    page = post(client, document, go="section:1").content.decode()
    assert 'value="emerging" checked' in page
    assert "Only in year 3</textarea>" in page


def test_a_tampered_document_is_refused_with_a_clear_message(client):
    make_framework()
    response = client.post(URL, {"document": '{"schema_version": 1, "framework": 3}', "go": "overview"})
    assert response.status_code == 400
    assert "changed outside this site" in response.content.decode()


def test_a_document_naming_a_statement_of_another_framework_is_refused(client):
    framework = make_framework()
    document = new(framework)
    document["ratings"]["00000000-0000-4000-8000-000000000000"] = {"level": "embedded", "rationale": "", "evidence": ""}
    response = post(client, document)
    assert response.status_code == 400
    assert "does not match the framework" in response.content.decode()


def test_a_draft_framework_cannot_be_used(client):
    framework = make_framework(publish=False)
    response = post(client, new(framework))
    assert response.status_code == 400


def test_download_is_the_canonical_document(client):
    framework = make_framework()
    first = statements(framework)[0]
    document = new(framework, "Ysgol Ñandú 🙂")
    document["ratings"][str(first.uuid)] = {"level": "embedded", "rationale": "Ünïcode “quotes”", "evidence": ""}
    response = post(client, document, go="download")
    assert response["Content-Disposition"] == 'attachment; filename="self-evaluation-whole-school-v1.json"'
    assert response.content == canonical(document).encode("utf-8")
    assert response["Cache-Control"] == "private, no-cache, no-store"


def test_uploading_a_downloaded_file_continues_it_byte_for_byte(client):
    framework = make_framework()
    first = statements(framework)[0]
    document = new(framework, "Oakfield")
    document["ratings"][str(first.uuid)] = {"level": "embedded", "rationale": "Line one\nline two", "evidence": ""}
    downloaded = post(client, document, go="download").content
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(URL, {"step": "upload", "file": SimpleUploadedFile("mine.json", downloaded)})
    again = post(client, embedded_document(response), go="download").content
    assert again == downloaded


def test_an_unknown_schema_version_is_refused(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    framework = make_framework()
    document = new(framework) | {"schema_version": 2}
    upload = SimpleUploadedFile("future.json", canonical(document).encode())
    response = client.post(URL, {"step": "upload", "file": upload})
    assert response.status_code == 400
    assert "format this site does not know (schema version 2)" in response.content.decode()


def test_no_page_of_the_tool_sets_a_cookie_or_creates_a_session(client):
    from django.contrib.sessions.models import Session

    framework = make_framework()
    for go in ("overview", "section:1", "actions", "summary", "share", "download", "csv"):
        response = post(client, new(framework), go=go)
        assert response.status_code == 200, go
        assert not response.cookies, go
    assert Session.objects.count() == 0


@pytest.mark.parametrize("go", ["overview", "section:1", "actions", "summary", "share"])
def test_each_page_uses_the_same_number_of_queries_for_a_small_and_a_large_framework(
    client, go, django_assert_max_num_queries
):
    from selfreview.steps import add_action

    small, large = make_framework(1, 2, slug="small"), make_framework(5, 8, slug="large")
    post(client, new(small), go=go)  # site settings and the like, read once per process
    counts = []
    for framework in (small, large):
        document = new(framework)
        for statement in statements(framework):
            document["ratings"][str(statement.uuid)] = {"level": "emerging", "rationale": "", "evidence": ""}
            add_action(document, statement)
        with django_assert_max_num_queries(10) as captured:
            assert post(client, document, go=go).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_the_start_page_uses_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    make_framework()
    with django_assert_max_num_queries(12):
        client.get(URL)


def test_a_section_whose_category_the_council_took_off_the_site_does_not_name_or_link_it(client):
    from categories.content import Status

    framework = make_framework()
    category = framework.sections.first().category
    category.name, category.status = "Restructure under discussion", Status.DRAFT
    category.save()
    response = post(client, new(framework, "Oakfield"), step="section:1", go="section:1")
    page = response.content.decode()
    assert response.status_code == 200 and "Section 1" in page
    assert "Restructure under discussion" not in page and category.slug not in page


def test_a_section_whose_category_sits_under_one_taken_off_the_site_does_not_name_or_link_it(client):
    """The category is published, but its parent is a draft: its page is not public, so the section neither names
    nor links it."""
    from categories.content import Status

    framework = make_framework()
    category = framework.sections.first().category
    category.name, category.parent = (
        "Whole-school inclusion",
        make_category(name="Draft framework", status=Status.DRAFT),
    )
    category.save()
    assert client.get(f"/categories/{category.slug}/").status_code == 404
    response = post(client, new(framework, "Oakfield"), step="section:1", go="section:1")
    page = response.content.decode()
    assert response.status_code == 200 and "Section 1" in page
    assert "Whole-school inclusion" not in page and category.slug not in page
