"""What a school takes away: the governors' summary (page and PDF) and the CSV. Never rationale or evidence."""

import csv
import io
import re

import pytest
from pypdf import PdfReader

from selfreview.document import new
from selfreview.steps import add_action
from tests.selfreview.factories import make_framework, statements
from tests.selfreview.test_tool import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    framework = make_framework()
    first, second = statements(framework)[:2]
    document = new(framework, "Oakfield Primary")
    document["ratings"][str(first.uuid)] = {"level": "not-yet", "rationale": "Rationale-secret", "evidence": "Evid-x"}
    document["ratings"][str(second.uuid)] = {"level": "developing", "rationale": "", "evidence": "Evidence-secret"}
    add_action(document, second)
    document["actions"][0] |= {"owner_role": "SENCO", "due_term": "Summer 2027", "success_criteria": "Minutes show"}
    return document


def test_the_governors_summary_shows_sections_targets_and_actions_but_no_notes(client, document):
    page = post(client, document, go="summary").content.decode()
    # The page carries the document back (hidden, for "Back to the overview"); what it shows and prints is the rest.
    page = re.sub(r'<input type="hidden" name="document" value="[^"]*" data-selfreview-document>', "", page)
    assert "Oakfield Primary" in page
    assert "Whole-school SEND self-evaluation, version 1" in page
    assert "(below target)" in page  # statement 1.2: Developing against a target of Embedded
    assert "Keep SEND on every leadership agenda" in page and "SENCO" in page and "Summer 2027" in page
    assert "Rationale-secret" not in page and "Evidence-secret" not in page and "Evid-x" not in page


def test_the_governors_pdf_has_the_summary_and_no_evidence_text(client, document):
    response = post(client, document, go="pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-cache, no-store"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Oakfield Primary" in text and "SENCO" in text
    assert "Evidence-secret" not in text and "Rationale-secret" not in text


def test_the_csv_lists_ratings_and_actions(client, document):
    response = post(client, document, go="csv")
    assert response["Content-Disposition"] == 'attachment; filename="self-evaluation-whole-school.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Number", "Section", "Statement", "Statutory", "Rating"]
    assert rows[1] == ["1.1", "Section 1", "Statement 1.1", "Yes", "Not yet", "", ""]
    assert rows[2] == ["1.2", "Section 1", "Statement 1.2", "", "Developing", "Embedded", "Yes"]
    action = rows[-1]
    assert action[:4] == ["1.2", "Try: Keep SEND on every leadership agenda", "SENCO", "Summer 2027"]
    assert "Evidence-secret" not in response.content.decode()


def test_csv_cells_that_look_like_formulas_are_defused(client, document):
    document["actions"][0]["description"] = '=HYPERLINK("http://evil.example")'
    rows = list(csv.reader(io.StringIO(post(client, document, go="csv").content.decode("utf-8-sig"))))
    assert rows[-1][1].startswith("'=")
