import random
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from oap_directory.models import SiteSettings
from resources import costing
from resources.costing import CostingInputs, cost_per_pupil_per_year, inputs_for, weekly_staff_hours
from resources.models import CostingPolicy, Intervention, StaffRole
from tests.admin_forms import change_form_data
from tests.factories import make_intervention, make_level, make_staff_role

TA_FIXTURE = CostingInputs(
    hourly_rate=Decimal("14.00"),
    on_cost_percent=Decimal("0"),
    minutes_per_session=30,
    sessions_per_week=Decimal("3"),
    weeks=Decimal("38"),
    group_size=4,
)


def _inputs(**changes):
    return CostingInputs(**(TA_FIXTURE.__dict__ | changes))


# ------------------------------------------------------------------ the formula


def test_a_teaching_assistant_group_of_four_costs_199_pounds_50_per_pupil_exactly():
    assert cost_per_pupil_per_year(TA_FIXTURE) == Decimal("199.50")
    assert str(cost_per_pupil_per_year(TA_FIXTURE)) == "199.50"


def test_on_costs_and_resources_are_added_as_the_formula_says():
    cost = cost_per_pupil_per_year(_inputs(on_cost_percent=Decimal("28"), resource_cost_per_pupil=Decimal("25")))
    assert cost == Decimal("280.36")  # 199.50 × 1.28 = 255.36, plus £25


def test_a_half_penny_rounds_up():
    # £10.01 for one hour shared by two pupils is £5.005 each: half-up gives £5.01 (bankers' rounding gives £5.00).
    one_hour = _inputs(hourly_rate=Decimal("10.01"), minutes_per_session=60, sessions_per_week=1, weeks=1, group_size=2)
    assert cost_per_pupil_per_year(one_hour) == Decimal("5.01")


def test_a_third_of_an_hour_is_not_rounded_until_the_end():
    # 20 minutes at £14.00 is £4.666…; rounding it first (£4.67 × 3 × 38 ÷ 3) would give £177.46.
    inputs = _inputs(minutes_per_session=20, group_size=3)
    assert cost_per_pupil_per_year(inputs) == Decimal("177.33")


def test_the_cost_is_the_exact_formula_rounded_half_up_once_for_random_inputs():
    generator = random.Random(20261130)
    for _ in range(2000):
        inputs = CostingInputs(
            hourly_rate=Decimal(generator.randint(1, 9999)) / 100,
            on_cost_percent=Decimal(generator.randint(0, 6000)) / 100,
            minutes_per_session=generator.randint(1, 240),
            sessions_per_week=Decimal(generator.randint(1, 100)) / 10,
            weeks=Decimal(generator.randint(1, 520)) / 10,
            group_size=generator.randint(1, 30),
            resource_cost_per_pupil=Decimal(generator.randint(0, 50000)) / 100,
        )
        exact = Fraction(inputs.hourly_rate) * (1 + Fraction(inputs.on_cost_percent) / 100) * Fraction(
            inputs.minutes_per_session, 60
        ) * Fraction(inputs.sessions_per_week) * Fraction(inputs.weeks) / inputs.group_size + Fraction(
            inputs.resource_cost_per_pupil
        )
        half_up_pennies = int(exact * 100 + Fraction(1, 2))  # int() floors a positive number
        assert cost_per_pupil_per_year(inputs) * 100 == half_up_pennies, inputs


def test_a_group_of_no_pupils_is_refused():
    with pytest.raises(ValueError):
        cost_per_pupil_per_year(_inputs(group_size=0))


def test_weekly_staff_hours_count_one_groups_sessions():
    assert weekly_staff_hours(TA_FIXTURE) == Decimal("1.5")
    assert weekly_staff_hours(_inputs(minutes_per_session=20, sessions_per_week=Decimal("3"))) == 1
    assert costing.weekly_staff_minutes(_inputs(minutes_per_session=20, sessions_per_week=Decimal("2.5"))) == 50


def test_hours_over_a_cap_are_flagged_and_no_cap_flags_nothing():
    assert costing.over_cap(Decimal("32.6"), Decimal("32.5"))
    assert not costing.over_cap(Decimal("32.5"), Decimal("32.5"))
    assert not costing.over_cap(Decimal("90"), Decimal("0"))
    assert not costing.over_cap(Decimal("90"), None)


def test_the_worked_example_puts_the_numbers_into_the_formula():
    text = costing.worked_example(TA_FIXTURE)
    assert text == (
        "£14.00 an hour × (1 + 0% on-costs) × 30 minutes a session × 3 sessions a week × 38 weeks ÷ 4 pupils + "
        "£0.00 resources per pupil = £199.50 per pupil per year"
    )


# ------------------------------------------------------------------ rates on a date


@pytest.mark.django_db
def test_the_rate_used_is_the_one_valid_on_the_costing_date():
    old = make_staff_role(
        slug="ta", hourly_rate=Decimal("14.00"), valid_from=date(2025, 9, 1), valid_to=date(2026, 8, 31)
    )
    make_staff_role(slug="ta", hourly_rate=Decimal("15.00"), valid_from=date(2026, 9, 1))
    intervention = _costed_intervention(staff_role=old)
    assert inputs_for(intervention, on=date(2026, 8, 31)).hourly_rate == Decimal("14.00")
    assert inputs_for(intervention, on=date(2026, 9, 1)).hourly_rate == Decimal("15.00")
    assert inputs_for(intervention, on=date(2025, 8, 31)) is None


@pytest.mark.django_db
def test_overlapping_rates_for_one_role_are_refused():
    make_staff_role(slug="ta", valid_from=date(2025, 9, 1))
    clash = StaffRole(name="TA", slug="ta", hourly_rate=Decimal("15"), valid_from=date(2026, 9, 1))
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "covers some of these dates" in str(error.value)
    backwards = StaffRole(
        name="TA", slug="other", hourly_rate=Decimal("15"), valid_from=date(2026, 9, 1), valid_to=date(2026, 1, 1)
    )
    with pytest.raises(ValidationError):
        backwards.full_clean()


# ------------------------------------------------------------------ interventions


def _costed_intervention(**overrides):
    fields = {
        "staff_role": overrides.pop("staff_role", None) or make_staff_role(),
        "pupils_per_group": 4,
        "minutes_per_session": 30,
        "sessions_per_week": Decimal("3"),
        "weeks": Decimal("38"),
        "cost_per_pupil_per_year": None,
    }
    return make_intervention(**(fields | overrides))


@pytest.mark.django_db
def test_an_intervention_with_costing_inputs_stores_the_worked_out_cost():
    intervention = _costed_intervention()
    intervention.refresh_from_db()
    assert intervention.cost_per_pupil_per_year == Decimal("199.50")


@pytest.mark.django_db
def test_without_weeks_the_councils_weeks_per_year_are_used():
    policy = CostingPolicy.load()
    policy.weeks_per_year = Decimal("45.5")
    policy.save()
    intervention = _costed_intervention(weeks=None)
    intervention.refresh_from_db()
    assert intervention.cost_per_pupil_per_year == Decimal("238.88")  # 14 × 0.5 × 3 × 45.5 ÷ 4 = 238.875


@pytest.mark.django_db
def test_a_new_rate_or_policy_changes_stored_costs_and_the_content_version():
    intervention = _costed_intervention(weeks=None)
    version = SiteSettings.load().content_version
    role = intervention.staff_role
    role.hourly_rate = Decimal("16.00")
    role.save()
    intervention.refresh_from_db()
    assert intervention.cost_per_pupil_per_year == Decimal("228.00")
    assert SiteSettings.load().content_version > version
    policy = CostingPolicy.load()
    policy.weeks_per_year = Decimal("19")
    policy.save()
    intervention.refresh_from_db()
    assert intervention.cost_per_pupil_per_year == Decimal("114.00")
    latest = intervention.history.order_by("-history_date", "-history_id").first()
    assert latest.cost_per_pupil_per_year == Decimal("114.00")
    assert latest.history_change_reason == "Cost worked out again with the current rates and policy"


@pytest.mark.django_db
def test_incomplete_costing_inputs_are_named():
    intervention = _costed_intervention()
    intervention.minutes_per_session = None
    with pytest.raises(ValidationError) as error:
        intervention.full_clean()
    assert "minutes_per_session" in error.value.error_dict


@pytest.mark.django_db
def test_uncosted_levels_refuse_a_staff_role():
    intervention = _costed_intervention()
    intervention.level = make_level(name="Universal", is_costed=False)
    intervention.cost_per_pupil_per_year = None
    with pytest.raises(ValidationError) as error:
        intervention.full_clean()
    assert "never costed" in str(error.value.error_dict["staff_role"])


@pytest.mark.django_db
def test_without_inputs_editors_type_the_cost_as_before():
    intervention = make_intervention(cost_per_pupil_per_year=Decimal("321.00"))
    intervention.refresh_from_db()
    assert intervention.cost_per_pupil_per_year == Decimal("321.00")


@pytest.mark.django_db
def test_the_admin_works_out_the_cost_when_a_site_manager_saves_inputs(client, site_manager):
    role = make_staff_role(name="Teaching assistant")
    intervention = make_intervention(cost_per_pupil_per_year=Decimal("100.00"))
    client.force_login(site_manager)
    url = f"/admin/resources/intervention/{intervention.pk}/change/"
    data = change_form_data(
        client.get(url),
        staff_role=role.pk,
        pupils_per_group=4,
        minutes_per_session=30,
        sessions_per_week="3",
        weeks="38",
        resource_cost_per_pupil="0",
        cost_per_pupil_per_year="",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    intervention.refresh_from_db()
    assert intervention.cost_per_pupil_per_year == Decimal("199.50")


@pytest.mark.django_db
def test_the_intervention_page_says_how_the_cost_is_worked_out(client):
    intervention = _costed_intervention(cost_notes="Includes ten minutes' preparation.")
    content = client.get(intervention.get_absolute_url()).content.decode()
    assert "How is this worked out?" in content
    assert "rounded to the nearest penny" in content
    assert "38 weeks ÷ 4 pupils" in content and "= £199.50 per pupil per year" in content
    assert "Includes ten minutes" in content


@pytest.mark.django_db
def test_a_typed_cost_still_shows_the_formula(client):
    intervention = make_intervention(cost_per_pupil_per_year=Decimal("321.00"))
    content = client.get(intervention.get_absolute_url()).content.decode()
    assert "How is this worked out?" in content and "gave this cost directly" in content


# ------------------------------------------------------------------ who may set rates


@pytest.mark.django_db
def test_only_site_managers_set_rates_and_the_policy(client, editor, site_manager):
    client.force_login(editor)
    client.post(
        "/admin/resources/staffrole/add/",
        {"name": "TA", "slug": "ta", "hourly_rate": "14", "on_cost_percent": "0", "valid_from": "2026-01-01"},
    )
    assert not StaffRole.objects.exists()
    assert client.get("/admin/resources/staffrole/").status_code == 200  # editors see the rates
    client.force_login(site_manager)
    client.post(
        "/admin/resources/staffrole/add/",
        {"name": "TA", "slug": "ta", "hourly_rate": "14", "on_cost_percent": "0", "valid_from": "2026-01-01"},
    )
    assert StaffRole.objects.get(slug="ta").hourly_rate == Decimal("14.00")
    client.get("/admin/resources/costingpolicy/")
    client.post(
        "/admin/resources/costingpolicy/1/change/",
        {"weeks_per_year": "45.5", "weekly_hour_cap": "30", "academic_year_start": "2000-09-01"},
    )
    assert CostingPolicy.load().weeks_per_year == Decimal("45.5")


@pytest.mark.django_db
def test_the_academic_year_starts_on_the_policys_day():
    policy = CostingPolicy.load()
    assert policy.year_start(date(2026, 11, 30)) == date(2026, 9, 1)
    assert policy.year_start(date(2027, 3, 1)) == date(2026, 9, 1)
    assert policy.year_start(date(2026, 9, 1)) == date(2026, 9, 1)


@pytest.mark.django_db
def test_daily_tasks_work_out_stored_costs_again_with_todays_rates():
    from django.core.management import call_command

    intervention = _costed_intervention()
    Intervention.objects.filter(pk=intervention.pk).update(cost_per_pupil_per_year=Decimal("1.00"))
    call_command("daily_tasks", "--skip-link-check", stdout=open("/dev/null", "w"))
    intervention.refresh_from_db()
    assert intervention.cost_per_pupil_per_year == Decimal("199.50")
