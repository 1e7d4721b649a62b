import re

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from categories.content import Status
from categories.models import Strategy
from categories.spreadsheets import StrategySpreadsheet
from resources.spreadsheets import InterventionSpreadsheet
from tests.factories import make_category, make_intervention, make_level, make_phase, make_resource, make_strategy

pytestmark = pytest.mark.django_db
HEADERS = [
    "slug",
    "title",
    "teacher_statement",
    "child_statement",
    "why",
    "how",
    "level",
    "phases",
    "categories",
    "tags",
]


@pytest.fixture
def council():
    reading = make_category(name="Reading", slug="reading")
    writing = make_category(name="Writing", slug="writing")
    level = make_level(name="Universal", slug="universal")
    primary = make_phase(name="Primary", slug="primary")
    existing = make_strategy(
        title="Paired reading",
        slug="paired-reading",
        categories=[reading],
        level=level,
        phases=[primary],
        tags=["fluency"],
    )
    return {"reading": reading, "writing": writing, "existing": existing}


def _row(**values):
    row = dict.fromkeys(HEADERS, "")
    row.update(title="Word walls", slug="word-walls", teacher_statement="Keep a word wall.", level="universal")
    row.update(values)
    return [row[h] for h in HEADERS]


def _dataset(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def test_export_uses_slugs_and_names(council):
    exported = StrategySpreadsheet().export().csv
    assert "paired-reading" in exported and "reading" in exported and "fluency" in exported
    assert "universal" in exported and "published" in exported


def test_dry_run_shows_changes_and_writes_nothing(council):
    result = StrategySpreadsheet().import_data(
        _dataset(_row(categories="reading;writing", tags="walls;words")), dry_run=True
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 1
    assert not Strategy.objects.filter(slug="word-walls").exists()


def test_import_creates_drafts_with_links_and_sanitised_rich_text(council):
    row = _row(
        categories="reading;writing",
        phases="primary",
        tags="walls;words",
        how='<p onclick="x()">Do<script>y</script></p>',
    )
    result = StrategySpreadsheet().import_data(_dataset(row), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    strategy = Strategy.objects.get(slug="word-walls")
    assert strategy.status == Status.DRAFT
    assert sorted(strategy.categories.values_list("slug", flat=True)) == ["reading", "writing"]
    assert sorted(strategy.tags.names()) == ["walls", "words"]
    assert strategy.how == "<p>Do</p>"


def test_any_row_error_means_nothing_is_written_and_the_row_is_named(council):
    good = _row()
    bad = _row(slug="second", title="Second", categories="reading;no-such-area")
    result = StrategySpreadsheet().import_data(_dataset(good, bad), dry_run=False, raise_errors=False)
    assert result.has_validation_errors()
    invalid = result.invalid_rows[0]
    assert invalid.number == 2 and "no-such-area" in str(invalid.error_dict)
    assert not Strategy.objects.filter(slug__in=["word-walls", "second"]).exists()


def test_updates_match_by_slug_and_keep_status(council):
    row = _row(slug="paired-reading", title="Paired reading every day", categories="reading", level="universal")
    StrategySpreadsheet().import_data(_dataset(row), dry_run=False)
    council["existing"].refresh_from_db()
    assert council["existing"].title == "Paired reading every day"
    assert council["existing"].status == Status.PUBLISHED
    assert Strategy.objects.count() == 1


def test_intervention_rows_follow_the_cost_rules(council):
    make_level(name="SEN Support", slug="targeted", is_costed=True)
    make_resource(slug="guide")
    headers = ["slug", "name", "summary", "description", "level", "cost_per_pupil_per_year", "resources", "categories"]
    rows = [["group", "Reading group", "A group.", "<p>Sessions.</p>", "targeted", "", "guide", "reading"]]
    result = InterventionSpreadsheet().import_data(tablib.Dataset(*rows, headers=headers), dry_run=True)
    assert result.has_validation_errors()
    assert "Give an indicative cost" in str(result.invalid_rows[0].error_dict)


def test_admin_import_previews_then_confirms(client, publisher, council):
    client.force_login(publisher)
    csv = _dataset(_row(categories="writing")).csv.encode()
    preview = client.post(
        "/admin/categories/strategy/import/",
        {"import_file": SimpleUploadedFile("strategies.csv", csv, content_type="text/csv"), "format": "0"},
    )
    content = preview.content.decode()
    assert preview.status_code == 200 and "Word walls" in content and "New" in content
    assert not Strategy.objects.filter(slug="word-walls").exists()
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', content))
    response = client.post("/admin/categories/strategy/process_import/", fields, follow=True)
    assert response.status_code == 200
    assert Strategy.objects.get(slug="word-walls").status == Status.DRAFT


def test_admin_import_reports_bad_files_clearly(client, publisher, council):
    client.force_login(publisher)
    bad = client.post(
        "/admin/categories/strategy/import/",
        {"import_file": SimpleUploadedFile("s.csv", "title\nnobody".encode("utf-16")), "format": "0"},
    )
    assert bad.status_code == 200 and "errornote" in bad.content.decode() or "error" in bad.content.decode().lower()
    assert Strategy.objects.count() == 1


def test_editors_can_export_but_not_import(client, editor, council):
    client.force_login(editor)
    assert client.get("/admin/categories/strategy/import/").status_code == 403
    assert client.get("/admin/categories/strategy/export/").status_code == 200


def test_intervention_export_lists_linked_slugs(council):
    make_intervention(slug="catch-up", categories=[council["reading"]])
    assert "catch-up" in InterventionSpreadsheet().export().csv
