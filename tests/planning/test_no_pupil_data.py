"""No pupil's details ever reach the server's storage: a plan whose notes name a pupil goes through every step,
the download, the CSV and the PDF; the name is on the page and in the PDF (so it really went through), and then
nowhere else: not in any table (the cache table too), not in any log line, not in the session store."""

import io
import re
import runpy

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from oap_directory.device_documents import canonical
from tests.planning.helpers import URL, embedded_document, post, reading_group, started, teaching_assistant

pytestmark = pytest.mark.django_db
NAME = "Zebedee Quixote"
PERSON_NAME = re.compile(r"(^|_)(first|last|full|sur|fore|given|family|middle|pupil|child|student|learner)_?name$")
PERSONAL = re.compile(
    r"birth|^dob$|_dob$|(^|_)upn$|unique_pupil|postcode|post_code|street|^address|(home|postal|pupil|child)_?address"
)
NOT_ABOUT_PUPILS = {
    "accounts.User": "the council's staff accounts (editors sign in by email)",
    "resources.Intervention": "contact_name is a service provider's published contact",
    "resources.HistoricalIntervention": "its history",
}


def _every_row_as_text():
    """Every row of every table in the database, Django's or not (the cache table, FTS tables)."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            yield table, repr(cursor.fetchall())


def test_a_named_pupil_goes_through_the_plan_and_nothing_keeps_the_name(client, logs):
    intervention = reading_group(teaching_assistant())
    document = embedded_document(post(client, started(client), go="add-outcome"))
    typed = {
        "doc.reference": NAME,
        "doc.assess.what_we_know": f"{NAME} reads well one to one",
        "doc.plan.outcomes.0.outcome": f"{NAME} will read aloud in class",
        "doc.review.notes": f"Talked with {NAME}'s family",
        "add_intervention": str(intervention.uuid),
    }
    response = post(client, document, go="add-intervention", **typed)
    assert NAME in response.content.decode()
    document = embedded_document(response)
    with CaptureQueriesContext(connection) as queries:
        for go in ("save", "download", "csv", "summary", "find", "add-outcome", "update-rates"):
            response = client.post(f"{URL}?note={NAME}", {"document": canonical(document), "go": go, "find": "reading"})
            assert NAME in response.content.decode("utf-8-sig") + response.get("Content-Disposition", "").replace(
                "-", " "
            )
            assert not response.cookies
        pdf = post(client, document, go="pdf")
        client.post(URL, {"document": canonical(document)[:-30]})  # a broken plan: is it logged?
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert NAME in " ".join(text.split())
    assert not [query["sql"] for query in queries.captured_queries if "Zebedee" in query["sql"]]

    assert Session.objects.count() == 0
    for model in apps.get_models():
        assert NAME not in str(list(model.objects.values())), model
    tables = dict(_every_row_as_text())
    assert "oap_cache" in tables and "django_session" in tables  # the page cache and the session store
    assert not [table for table, rows in tables.items() if "Zebedee" in rows]
    assert not [line[:300] for line in logs if "Zebedee" in line]


def test_no_model_has_a_field_for_a_pupils_name_birth_date_upn_or_address():
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label in NOT_ABOUT_PUPILS:
            continue
        for field in model._meta.get_fields():
            name = getattr(field, "name", "").lower()
            if PERSON_NAME.search(name) or PERSONAL.search(name):
                found.append(f"{model._meta.label}.{name}")
    assert not found


def test_the_access_log_records_paths_without_query_strings_bodies_or_referrers(settings):
    """gunicorn's access log line: the path alone (`%(U)s`), never the request line, query string or referrer,
    which could carry what a teacher typed."""
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    line = config["access_log_format"]
    assert 'path="%(U)s"' in line
    assert not [atom for atom in ("%(r)s", "%(q)s", "%(f)s", "%({referer}i)s") if atom in line]
