"""Self-evaluation statements round-trip through CSV and Excel; only draft versions change."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from selfreview.models import Framework, Statement
from selfreview.spreadsheets import StatementSpreadsheet
from tests.factories import make_strategy
from tests.selfreview.factories import make_framework, statements

pytestmark = pytest.mark.django_db


def _rows(file_format="csv"):
    exported = StatementSpreadsheet().export()
    dataset = tablib.Dataset().load(exported.export(file_format), format=file_format)
    return [dict(zip(dataset.headers, row, strict=True)) for row in dataset]


def _import(rows, dry_run=False):
    dataset = tablib.Dataset(*[list(row.values()) for row in rows], headers=list(rows[0]))
    return StatementSpreadsheet().import_data(dataset, dry_run=dry_run)


def _errors(result):
    return " ".join(str(row.error_dict) for row in result.invalid_rows) + " ".join(
        str(error.error) for row in result.error_rows for error in row.errors
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_unchanged_export_imports_as_no_changes(file_format):
    framework = make_framework()
    Statement.objects.filter(pk=statements(framework)[0].pk).update(
        text="=Leaders talk about SEND.", descriptors={"emerging": "Some leaders do.", "embedded": "All leaders do."}
    )
    framework.new_version()
    rows = _rows(file_format)
    assert len(rows) == 12
    first = rows[0]
    assert (first["framework"], str(first["version"]), first["section"]) == ("whole-school", "1", "Section 1")
    assert first["text"] == "'=Leaders talk about SEND."  # a spreadsheet would run it as a formula
    assert first["descriptors"].splitlines() == ["emerging: Some leaders do.", "embedded: All leaders do."]
    assert first["strategies"] and rows[1]["target"] == "embedded"
    result = _import(rows, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors(), _errors(result)
    assert result.totals["skip"] == 12 and result.totals["update"] == result.totals["new"] == 0


def test_a_draft_version_is_reworded_and_extended_from_a_spreadsheet():
    draft = make_framework().new_version()
    extra = make_strategy(slug="quiet-space")
    rows = [row for row in _rows() if str(row["version"]) == "2"]
    rows[0].update(text="Leaders review SEND at every meeting.", descriptors="developing: Most meetings do.")
    rows[0]["strategies"] = f"{rows[0]['strategies']};quiet-space"
    rows[1]["target"] = ""
    rows.append({**rows[2], "uuid": "", "order": "9", "text": "A new statement.", "target": "developing"})
    result = _import(rows)
    assert not result.has_errors() and not result.has_validation_errors(), _errors(result)
    assert result.totals["update"] == 2 and result.totals["new"] == 1
    first, second = statements(draft)[:2]
    assert first.text == "Leaders review SEND at every meeting." and first.descriptors == {
        "developing": "Most meetings do."
    }
    assert extra in first.strategies.all()
    assert not hasattr(second, "target") or second.target is None
    added = Statement.objects.get(text="A new statement.")
    assert added.section.framework == draft and added.target.level.slug == "developing"
    assert statements(Framework.objects.get(version=1))[0].text == "Statement 1.1"  # the published one is untouched


def test_a_row_that_would_change_a_published_version_is_refused():
    framework = make_framework()
    rows = _rows()
    rows[0]["text"] = "Changed."
    result = _import(rows)
    assert result.has_validation_errors() or result.has_errors()
    assert "is published, so it can’t change: make a new version" in _errors(result)
    assert statements(framework)[0].text == "Statement 1.1"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"section": "No such section"}, "No section “No such section”"),
        ({"version": "7"}, "No framework “whole-school” version 7"),
        ({"descriptors": "brilliant: Amazing."}, "Use the levels of"),
        ({"descriptors": "no colon here"}, "level: what it looks like"),
        ({"target": "perfect"}, "Use the levels of"),
        ({"strategies": "not-a-strategy"}, "Not found: not-a-strategy"),
        ({"uuid": "not-a-uuid"}, "uuid"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_written(change, message):
    draft = make_framework(publish=False)
    rows = _rows()
    rows[0].update(text="Changed.", **change)
    result = _import(rows)
    assert result.has_validation_errors() or result.has_errors()
    assert message in _errors(result)
    assert statements(draft)[0].text == "Statement 1.1"


def test_publishers_import_statements_in_the_admin_and_editors_cannot(client, publisher, editor):
    draft = make_framework(publish=False)
    rows = _rows()
    rows[0]["text"] = "Reworded in a spreadsheet."
    dataset = tablib.Dataset(*[list(row.values()) for row in rows], headers=list(rows[0]))
    client.force_login(editor)
    assert client.get("/admin/selfreview/statement/import/").status_code == 403
    client.force_login(publisher)
    upload = SimpleUploadedFile("statements.csv", dataset.export("csv").encode(), content_type="text/csv")
    preview = client.post("/admin/selfreview/statement/import/", {"import_file": upload, "format": "0"})
    assert preview.status_code == 200 and "Reworded in a spreadsheet." in preview.content.decode()
    assert statements(draft)[0].text == "Statement 1.1"
    form = preview.context["confirm_form"]
    client.post("/admin/selfreview/statement/process_import/", form.initial)
    assert statements(draft)[0].text == "Reworded in a spreadsheet."


def test_a_nul_character_in_a_row_is_an_error_for_that_row_not_a_crash():
    draft = make_framework(publish=False)
    rows = _rows()
    rows[0]["text"] = "Leaders\x00 meet."
    result = _import(rows)
    assert result.has_validation_errors() and "Remove the invisible NUL character from: text" in _errors(result)
    assert statements(draft)[0].text == "Statement 1.1"
