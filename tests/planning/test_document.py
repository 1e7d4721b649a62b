"""The plan file: what is downloaded can be uploaded and downloaded again unchanged, and a file this site did not
write, or wrote in another format, is refused with a message that says what to do."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from oap_directory.device_documents import MAX_BYTES, canonical
from tests.planning.helpers import URL, embedded_document, post, reading_group, started, teaching_assistant

pytestmark = pytest.mark.django_db


def _upload(client, content, name="plan.json"):
    return client.post(URL, {"step": "upload", "file": SimpleUploadedFile(name, content, "application/json")})


def _filled(client):
    intervention = reading_group(teaching_assistant())
    document = started(client)
    document = embedded_document(post(client, document, go="add-outcome", **{"doc.reference": "Y4 – reading, ünïcode"}))
    fields = {
        "doc.plan.outcomes.0.outcome": "Reads a short book aloud with “expression”",
        "doc.plan.outcomes.0.review_date": "2027-03-21",
        "doc.assess.strengths": "Loves stories 📚",
        "add_intervention": str(intervention.uuid),
    }
    return embedded_document(post(client, document, go="add-intervention", **fields))


def test_a_downloaded_plan_uploads_and_downloads_again_byte_for_byte(client):
    document = _filled(client)
    first = post(client, document, go="download")
    assert first["Content-Type"] == "application/json"
    assert first["Content-Disposition"].startswith('attachment; filename="plan-Y4-reading-')
    reopened = _upload(client, first.content)
    assert reopened.status_code == 200
    again = post(client, embedded_document(reopened), go="download")
    assert again.content == first.content
    assert first.content.decode("utf-8") == canonical(json.loads(first.content))
    assert json.loads(first.content)["plan"]["interventions"][0]["snapshot"]["cost_per_pupil_per_year"] == "199.50"


def test_the_file_names_the_council_and_keeps_the_cost_snapshot(client, settings):
    document = json.loads(post(client, _filled(client), go="download").content)
    assert document["schema_version"] == 1
    assert document["council"]
    assert document["costing"]["total_per_pupil_per_year"] == "199.50"
    assert "hourly rate" in document["costing"]["formula"]


def test_a_file_of_an_unknown_schema_version_is_refused_clearly(client):
    document = started(client)
    document["schema_version"] = 99
    response = _upload(client, canonical(document).encode())
    assert response.status_code == 400
    assert "saved in a format this site does not know (schema version 99)" in response.content.decode()


@pytest.mark.parametrize(
    "content",
    [b"not json at all", b"\xff\xfe\x00", b"[1, 2]", b'{"schema_version": 1, "id": "x"}', b"{" * 100_000],
)
def test_a_malformed_file_is_refused_clearly(client, content):
    response = _upload(client, content)
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert "not a plan saved from this site" in text or "changed outside this site" in text


def test_a_file_too_large_to_be_a_plan_is_refused(client):
    response = _upload(client, b" " * (MAX_BYTES + 10))
    assert response.status_code == 400
    assert "too large to be a plan" in response.content.decode()


def test_uploading_without_choosing_a_file_says_so(client):
    response = client.post(URL, {"step": "upload"})
    assert response.status_code == 400
    assert "Choose the plan file you downloaded." in response.content.decode()


def test_a_posted_plan_that_was_tampered_with_is_refused(client):
    document = started(client)
    document["plan"]["outcomes"] = [{"outcome": "x"}]
    response = post(client, document)
    assert response.status_code == 400
    assert "changed outside this site" in response.content.decode()
