import html
import json
import random
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from oap_directory.device_documents import canonical
from planning import provision_map as maps
from resources.models import CostingPolicy
from tests.factories import make_category, make_intervention, make_level, make_staff_role

URL = "/provision-map/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    area = make_category(name="Cognition and learning", parent=make_category(name="Areas of need"))
    role = make_staff_role(name="Teaching assistant", slug="teaching-assistant", hourly_rate=Decimal("14.00"))
    level = make_level(name="SEN Support", is_costed=True)
    intervention = make_intervention(
        name="Reading catch-up", level=level, categories=[area], staff_role=role, pupils_per_group=4,
        minutes_per_session=30, sessions_per_week=3, weeks=38,
    )  # fmt: skip
    return {"area": area, "role": role, "level": level, "intervention": intervention}


def _document(response):
    text = response.content.decode()
    start = text.index('name="document" value="') + len('name="document" value="')
    return json.loads(html.unescape(text[start : text.index('"', start)]))


def _post(client, document, **data):
    return client.post(URL, {"document": canonical(document), **data})


def _started(client, library):
    response = client.post(URL, {"step": "start", "school": "Northfield Primary"})
    document = _document(response)
    intervention = library["intervention"]
    return _document(_post(client, document, go="add-library", add_intervention=str(intervention.uuid)))


def test_the_start_page_says_the_map_stays_on_this_device(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "This site does not keep it" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_an_empty_map_says_where_totals_will_appear_instead_of_empty_tables(client, library):
    content = client.post(URL, {"step": "start", "school": "Northfield Primary"}).content.decode()
    assert "Totals by area of need and level of support appear here once there is provision" in content
    assert "Area of need</th>" not in content
    document = _started(client, library)
    content = _post(client, document).content.decode()
    assert "Area of need</th>" in content and "appear here once" not in content


def test_a_library_intervention_is_costed_with_its_inputs_and_counts_pupils(client, library):
    document = _started(client, library)
    line = document["lines"][0]
    assert line["name"] == "Reading catch-up" and line["area"] == "Cognition and learning"
    assert line["pupils"] == 4 and line["role"]["hourly_rate"] == "14.00"
    content = _post(client, document).content.decode()
    assert "£199.50" in content  # per pupil per year
    assert "£798.00" in content  # four pupils
    assert not client.cookies


def test_changed_figures_are_applied_and_a_bad_one_is_refused_clearly(client, library):
    document = _started(client, library)
    response = _post(client, document, **{"line-1-groups": "2", "line-1-pupils": "8", "line-1-weeks": "lots"})
    document = _document(response)
    assert document["lines"][0]["groups"] == 2 and document["lines"][0]["pupils"] == 8
    assert document["lines"][0]["weeks"] == "38"
    assert "Enter a number for weeks, from 0.5 to 52." in response.content.decode()


def test_own_provision_is_added_by_name_with_a_role(client, library):
    document = _started(client, library)
    response = _post(
        client, document, go="add-own", add_name="Lego club", add_area="Cognition and learning",
        add_own_role="teaching-assistant",
    )  # fmt: skip
    assert [line["name"] for line in _document(response)["lines"]] == ["Reading catch-up", "Lego club"]
    missing = _post(client, document, go="add-own", add_name="", add_own_role="")
    assert "Enter the name of the provision." in missing.content.decode()


def test_a_role_over_its_weekly_cap_is_named(client, library):
    document = _started(client, library)
    response = _post(client, document, **{"line-1-groups": "12", "line-1-minutes_per_session": "60"})
    assert "Teaching assistant: 36.00 hours a week across the map, over the cap of 32.5 hours." in (
        response.content.decode()
    )
    document = _document(response)
    response = _post(client, document, **{"cap-teaching-assistant": "40"})
    assert "over the cap" not in response.content.decode()


def test_a_rate_change_affects_only_new_lines_until_the_school_takes_it(client, library):
    document = _started(client, library)
    library["role"].hourly_rate = Decimal("16.00")
    library["role"].save()
    response = _post(client, document, go="add-library", add_intervention=str(library["intervention"].uuid))
    document = _document(response)
    assert [line["role"]["hourly_rate"] for line in document["lines"]] == ["14.00", "16.00"]
    assert "Use today's rates" in response.content.decode()
    document = _document(_post(client, document, go="rates"))
    assert [line["role"]["hourly_rate"] for line in document["lines"]] == ["16.00", "16.00"]


def test_download_and_upload_give_back_the_same_bytes(client, library):
    document = _started(client, library)
    download = _post(client, document, go="download")
    assert download["Content-Disposition"].startswith("attachment")
    assert download.content == canonical(document).encode()
    upload = client.post(URL, {"step": "upload", "file": SimpleUploadedFile("map.json", download.content)})
    assert canonical(_document(upload)).encode() == download.content


def test_an_unknown_schema_version_or_a_broken_file_is_refused(client):
    response = client.post(URL, {"document": json.dumps({"schema_version": 99})})
    assert response.status_code == 400 and "format this site does not know" in response.content.decode()
    response = client.post(URL, {"document": "{not json"})
    assert response.status_code == 400 and "not a provision map" in response.content.decode()


def test_csv_and_pdf_are_made_on_request_and_never_cached(client, library):
    document = _started(client, library)
    csv = _post(client, document, go="csv")
    assert "Reading catch-up" in csv.content.decode("utf-8-sig") and "798.00" in csv.content.decode("utf-8-sig")
    pdf = _post(client, document, go="pdf")
    assert pdf["Content-Type"] == "application/pdf" and "no-store" in pdf["Cache-Control"]


def test_cost_to_date_counts_weeks_from_the_policys_year_start():
    policy = CostingPolicy.load()
    role = make_staff_role()
    document = maps.new("Council")
    line = maps.own_line("Group", "", "", role, Decimal("38"), date(2026, 9, 1))
    line |= {"group_size": 4, "pupils": 4, "minutes_per_session": 30, "sessions_per_week": "3"}
    document["lines"].append(line)
    built = maps.build(document, policy, today=date(2026, 11, 30))
    assert built.year_start == date(2026, 9, 1) and built.weeks_so_far == 12
    assert built.overall.to_date == Decimal("252.00")  # 14 × 0.5 × 3 × 12 ÷ 4 × 4 pupils
    assert built.overall.projected == Decimal("798.00")


def test_the_total_is_the_sum_of_the_lines_for_random_maps():
    policy = CostingPolicy.load()
    roles = [make_staff_role(hourly_rate=Decimal(rate)) for rate in ("13.47", "31.20", "45.05")]
    generator = random.Random(19)
    areas, levels = ["Cognition and learning", "SEMH", ""], ["SEN Support", "Specialist", ""]
    for _ in range(300):
        document = maps.new("Council")
        for _ in range(generator.randint(0, 12)):
            line = maps.own_line("Line", generator.choice(areas), generator.choice(levels), generator.choice(roles),
                                 Decimal("38"), date(2026, 9, 1))  # fmt: skip
            line |= {
                "groups": generator.randint(1, 5), "group_size": generator.randint(1, 8),
                "pupils": generator.randint(0, 40), "minutes_per_session": generator.randint(1, 120),
                "sessions_per_week": str(Decimal(generator.randint(1, 100)) / 10),
                "weeks": str(Decimal(generator.randint(5, 520)) / 10),
                "resource_cost_per_pupil": f"{Decimal(generator.randint(0, 9999)) / 100:.2f}",
            }  # fmt: skip
            document["lines"].append(line)
        assert maps.KIND.is_valid(document)
        built = maps.build(document, policy, today=date(2027, 1, 15))
        assert built.overall.projected == sum((line.projected for line in built.lines), Decimal("0"))
        assert built.overall.to_date == sum((line.to_date for line in built.lines), Decimal("0"))
        assert sum((area.projected for area in built.by_area), Decimal("0")) == built.overall.projected
        assert sum((level.to_date for level in built.by_level), Decimal("0")) == built.overall.to_date


def test_the_page_takes_the_same_queries_with_many_interventions(client, library, django_assert_max_num_queries):
    document = _started(client, library)
    for _ in range(20):
        make_intervention(categories=[library["area"]])
    with django_assert_max_num_queries(12):
        _post(client, document)


@pytest.mark.parametrize(
    ("name", "typed", "kept"),
    [("resource_cost_per_pupil", "10.005", "10.01"), ("resource_cost_per_pupil", "10.015", "10.02"),
     ("weeks", "38.25", "38.3"), ("weeks", "12.75", "12.8"), ("sessions_per_week", "2.25", "2.3")],
)  # fmt: skip
def test_typed_figures_round_half_up_as_money_does(name, typed, kept):
    assert maps.parse_number(name, typed) == kept
