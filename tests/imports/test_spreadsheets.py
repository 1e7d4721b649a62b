import re
from decimal import Decimal

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from categories.content import Status
from categories.models import Strategy
from categories.spreadsheets import StrategySpreadsheet
from resources.models import Intervention
from resources.spreadsheets import InterventionSpreadsheet
from tests.factories import (
    make_category,
    make_intervention,
    make_level,
    make_phase,
    make_resource,
    make_staff_role,
    make_strategy,
)

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


# ------------------------------------------------------------------ round trips, labels, formulas and caps


@pytest.fixture
def starter_content(db):
    from oap_directory.starter_content import StarterContentLoader

    StarterContentLoader().load()


def _unchanged(spreadsheet, file_format):
    dataset = tablib.Dataset().load(spreadsheet().export().export(file_format), format=file_format)
    result = spreadsheet().import_data(dataset, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors(), spreadsheet
    assert result.totals["update"] == 0 and result.totals["new"] == 0, (spreadsheet, result.totals)
    return result.totals["skip"]


def test_reimporting_an_unchanged_export_of_the_starter_strategies_changes_nothing(starter_content):
    assert _unchanged(StrategySpreadsheet, "csv") == _unchanged(StrategySpreadsheet, "xlsx") == Strategy.objects.count()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_reimporting_unchanged_interventions_and_resources_changes_nothing(council, file_format):
    from resources.spreadsheets import ResourceSpreadsheet

    guide = make_resource(slug="guide", tags=["reading", "fluency"])
    catch_up = make_intervention(slug="catch-up", categories=[council["reading"]])
    catch_up.tags.set(["small group"])
    catch_up.resources.set([guide])
    assert _unchanged(InterventionSpreadsheet, file_format) == 1
    assert _unchanged(ResourceSpreadsheet, file_format) == 1


def test_levels_and_phases_are_accepted_by_slug_or_label_in_any_case(council):
    make_level(name="SEN Support", slug="targeted")
    rows = [
        _row(slug="a-one", level="SEN Support", phases="Primary"),
        _row(slug="a-two", level="sen support", phases="PRIMARY"),
        _row(slug="a-three", level="Targeted", phases="primary"),
    ]
    result = StrategySpreadsheet().import_data(_dataset(*rows), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert set(Strategy.objects.filter(slug__startswith="a-").values_list("level__slug", flat=True)) == {"targeted"}
    assert Strategy.objects.get(slug="a-two").phases.get().slug == "primary"


def test_every_error_in_a_row_is_shown_at_once(council):
    bad = _row(slug="bad", title="", level="Gold", categories="no-such-area", phases="Nursery")
    result = StrategySpreadsheet().import_data(_dataset(bad), dry_run=True, raise_errors=False)
    assert not result.has_errors()
    errors = result.invalid_rows[0].error_dict
    assert {"title", "level", "categories", "phases"} <= set(errors)
    assert "Gold" in str(errors["level"]) and "Universal" in str(errors["level"])


def test_a_row_needs_a_teacher_statement_or_the_childs_words(council):
    child_only = _row(slug="quiet", title="A quiet place", teacher_statement="", child_statement="I need quiet.")
    neither = _row(slug="neither", title="Neither", teacher_statement="", child_statement="")
    result = StrategySpreadsheet().import_data(_dataset(child_only, neither), dry_run=True, raise_errors=False)
    assert [row.number for row in result.invalid_rows] == [2]
    assert "Give a teacher statement, or the child’s words." in str(result.invalid_rows[0].error_dict)
    StrategySpreadsheet().import_data(_dataset(child_only), dry_run=False, raise_errors=True)
    assert Strategy.objects.get(slug="quiet").child_statement == "I need quiet."


HOSTILE = ['=HYPERLINK("https://evil.example","Click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_formulas_typed_into_content_are_neutralised_on_export_and_restored_on_import(council, file_format):
    for n, text in enumerate(HOSTILE):
        make_strategy(title=f"Hostile {n}", slug=f"hostile-{n}", teacher_statement=text, child_statement="")
    exported = StrategySpreadsheet().export().export(file_format)
    if file_format == "xlsx":
        import io

        import openpyxl

        sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert not [cell.value for cell in cells if cell.data_type == "f"]
        values = [str(cell.value) for cell in cells if cell.value is not None]
    else:
        values = [value for row in tablib.Dataset().load(exported, format="csv") for value in row]
    assert not [value for value in values if value[:1] in {"=", "+", "-", "@"}]
    assert {f"'{text}" for text in HOSTILE} <= set(values)
    result = StrategySpreadsheet().import_data(tablib.Dataset().load(exported, format=file_format), dry_run=True)
    assert result.totals["update"] == 0 and result.totals["skip"] == Strategy.objects.count()


def test_a_spreadsheet_with_too_many_rows_is_refused_clearly(council):
    from categories.spreadsheets import MAX_ROWS

    rows = [_row(slug=f"row-{n}", title=f"Row {n}") for n in range(MAX_ROWS + 1)]
    result = StrategySpreadsheet().import_data(_dataset(*rows), dry_run=True, raise_errors=False)
    assert result.has_errors()
    assert f"at most {MAX_ROWS:,} rows" in str(result.base_errors[0].error)
    assert not Strategy.objects.filter(slug="row-1").exists()


def test_the_admin_refuses_a_spreadsheet_file_over_the_size_cap(client, publisher, council, monkeypatch):
    monkeypatch.setattr("categories.spreadsheets.MAX_FILE_BYTES", 100)
    client.force_login(publisher)
    csv = _dataset(*[_row(slug=f"s-{n}") for n in range(5)]).csv.encode()
    response = client.post(
        "/admin/categories/strategy/import/",
        {"import_file": SimpleUploadedFile("strategies.csv", csv, content_type="text/csv"), "format": "0"},
    )
    assert response.status_code == 200 and "The file is too big" in response.content.decode()
    assert not Strategy.objects.filter(slug="s-1").exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_costing_inputs_travel_with_the_staff_role_by_slug(council, file_format):
    role = make_staff_role(slug="teaching-assistant")
    make_intervention(
        slug="catch-up", staff_role=role, pupils_per_group=4, minutes_per_session=30, sessions_per_week=3, weeks=38
    )
    exported = InterventionSpreadsheet().export()
    assert exported.dict[0]["staff_role"] == "teaching-assistant"
    assert _unchanged(InterventionSpreadsheet, file_format) == 1
    changed = tablib.Dataset().load(exported.export(file_format), format=file_format)
    changed.dict = [row | {"pupils_per_group": 2, "cost_per_pupil_per_year": ""} for row in changed.dict]
    result = InterventionSpreadsheet().import_data(changed)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Intervention.objects.get(slug="catch-up").cost_per_pupil_per_year == Decimal("399.00")


def test_an_unknown_staff_role_is_named_in_the_rows_error(council):
    make_level(name="SEN Support", slug="targeted", is_costed=True)
    make_staff_role(slug="teaching-assistant")
    headers = ["slug", "name", "summary", "description", "level", "staff_role", "pupils_per_group",
               "minutes_per_session", "sessions_per_week"]  # fmt: skip
    rows = [["group", "Reading group", "A group.", "<p>Sessions.</p>", "targeted", "dinner-lady", "4", "30", "3"]]
    result = InterventionSpreadsheet().import_data(tablib.Dataset(*rows, headers=headers), dry_run=True)
    assert result.has_validation_errors() or result.has_errors()
    errors = str(result.invalid_rows[0].error_dict) if result.invalid_rows else str(result.row_errors())
    assert "No staff role “dinner-lady”: use one of teaching-assistant." in errors


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_local_service_details_round_trip_in_intervention_spreadsheets(council, file_format):
    make_intervention(
        slug="speech-outreach", is_local_service=True, provider_name="Northbrook Speech Service",
        provider_website="https://speech.example.org/", contact_name="Outreach team", contact_email="team@example.org",
    )  # fmt: skip
    exported = InterventionSpreadsheet().export()
    assert {"is_local_service", "provider_name", "provider_website", "contact_name", "contact_email"} <= set(
        exported.headers
    )
    assert _unchanged(InterventionSpreadsheet, file_format) == 1
    dataset = tablib.Dataset().load(exported.export(file_format), format=file_format)
    rows = [dict(zip(dataset.headers, row, strict=True)) for row in dataset]
    rows[0]["contact_name"] = "Language outreach team"
    changed = tablib.Dataset(*[list(row.values()) for row in rows], headers=list(rows[0]))
    result = InterventionSpreadsheet().import_data(changed, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Intervention.objects.get(slug="speech-outreach").contact_name == "Language outreach team"


def test_a_local_service_row_without_a_provider_is_refused(council):
    make_intervention(slug="speech-outreach")
    dataset = InterventionSpreadsheet().export()
    rows = [dict(zip(dataset.headers, row, strict=True)) for row in dataset]
    rows[0].update(is_local_service="1", provider_name="")
    result = InterventionSpreadsheet().import_data(
        tablib.Dataset(*[list(row.values()) for row in rows], headers=list(rows[0])), dry_run=True
    )
    assert result.has_validation_errors()
    assert "provider organisation" in str(result.invalid_rows[0].error_dict)
    assert not Intervention.objects.get(slug="speech-outreach").is_local_service


def test_a_spreadsheet_import_bumps_the_content_version_once(council):
    from oap_directory.models import SiteSettings

    before = SiteSettings.load().content_version
    rows = [_row(slug="one", title="One"), _row(slug="two", title="Two"), _row(slug="three", title="Three")]
    result = StrategySpreadsheet().import_data(_dataset(*rows), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Strategy.objects.filter(slug__in=["one", "two", "three"]).count() == 3
    assert SiteSettings.load().content_version == before + 1


def test_re_importing_an_unchanged_export_after_a_new_rate_changes_nothing_and_waits_for_no_review(editor):
    """A staff role's rows for other periods share its slug: the intervention keeps the row it has."""
    from datetime import date

    from oap_directory.models import Revision
    from tests.factories import make_category, make_intervention, make_staff_role

    old = make_staff_role(slug="ta", name="TA", valid_from=date(2020, 1, 1), valid_to=date(2024, 8, 31))
    make_staff_role(slug="ta", name="TA", hourly_rate=Decimal("15.00"), valid_from=date(2024, 9, 1))
    intervention = make_intervention(
        slug="catch-up", staff_role=old, pupils_per_group=4, minutes_per_session=30, sessions_per_week=3, weeks=38,
        categories=[make_category()],
    )  # fmt: skip
    exported = tablib.Dataset().load(InterventionSpreadsheet().export().export("csv"), format="csv")
    assert InterventionSpreadsheet().import_data(exported, dry_run=True).totals["update"] == 0
    result = InterventionSpreadsheet().import_data(exported, dry_run=False, user=editor, file_name="interventions.csv")
    assert not result.has_errors() and Revision.objects.count() == 0
    intervention.refresh_from_db()
    assert intervention.staff_role == old
