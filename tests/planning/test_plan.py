"""The plan builder: four steps on one page, started empty, from "my list" or from the needs finder, costed with
the council's rates, with its outputs. Every step posts the whole plan and gets it back."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from categories.content import Status
from planning.models import PlanTally
from tests.factories import make_intervention, make_observation, make_strategy
from tests.planning.helpers import URL, embedded_document, post, reading_group, started, teaching_assistant

pytestmark = pytest.mark.django_db


def test_the_start_page_says_the_plan_stays_on_this_device(client):
    response = client.get(URL)
    text = response.content.decode()
    assert "This plan stays on this device" in text
    assert "Start an empty plan" in text
    assert response["Cache-Control"] == "private, no-cache, no-store"
    assert not response.cookies


def test_an_empty_plan_shows_the_four_steps_in_order(client):
    text = client.post(URL, {"step": "start"}).content.decode()
    headings = ["1. Assess", "2. Plan", "3. Do", "4. Review"]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Download plan" in text


def test_no_intervention_is_chosen_until_the_teacher_chooses_one(client):
    make_intervention(name="Attention and listening group")
    page = post(client, started(client), go="save").content.decode()
    choices = page.split('id="plan-add-intervention"', 1)[1].split("</select>", 1)[0]
    assert choices.index("Choose an intervention") < choices.index("Attention and listening group")
    response = post(client, started(client), go="add-intervention", add_intervention="")
    assert response.status_code == 200 and embedded_document(response)["plan"]["interventions"] == []


def test_what_is_typed_comes_back_in_the_page_and_the_plan(client):
    document = embedded_document(post(client, started(client), go="add-outcome"))
    fields = {
        "doc.assess.strengths": "Strong visual memory",
        "doc.plan.outcomes.0.outcome": "Reads twenty common words",
        "doc.plan.outcomes.0.measure": "Word checklist each half term",
        "doc.plan.outcomes.0.baseline": "8 words",
        "doc.plan.outcomes.0.target": "20 words",
        "doc.plan.outcomes.0.review_date": "2027-02-12",
        "doc.plan.outcomes.0.result": "partly-met",
        "doc.plan.outcomes.0.next_step": "adjust",
        "doc.do.start_date": "1/12/2026",
        "doc.review.notes": "Good progress on sight words",
    }
    response = post(client, document, **fields)
    document = embedded_document(response)
    outcome = document["plan"]["outcomes"][0]
    assert (outcome["target"], outcome["result"], outcome["next_step"]) == ("20 words", "partly-met", "adjust")
    assert document["assess"]["strengths"] == "Strong visual memory"
    assert document["do"]["start_date"] == "2026-12-01"
    assert 'value="01/12/2026"' in response.content.decode()
    assert "Good progress on sight words" in response.content.decode()


def test_a_value_that_does_not_fit_is_refused_with_a_message_and_the_plan_keeps_its_own(client):
    intervention = reading_group(teaching_assistant())
    document = embedded_document(
        post(client, started(client), go="add-intervention", add_intervention=str(intervention.uuid))
    )
    response = post(
        client,
        document,
        **{"doc.plan.interventions.0.group_size": "lots", "doc.do.start_date": "31/02/2027"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert "Pupils in the group for Reading catch-up group: Enter a whole number from 1 to 100" in text
    assert "Start date: Enter a real date" in text
    kept = embedded_document(response)
    assert kept["plan"]["interventions"][0]["group_size"] == 4
    assert kept["do"]["start_date"] == ""


def test_starting_from_my_list_brings_its_strategies_and_interventions(client):
    strategy = make_strategy(title="Visual timetable")
    intervention = make_intervention(name="Nurture group")
    draft = make_strategy(title="Not yet published", status=Status.DRAFT)
    items = ",".join(str(item.uuid) for item in (strategy, intervention, draft)) + ",not-a-uuid"
    response = client.get(URL, {"items": items})
    document = embedded_document(response)
    assert [entry["title"] for entry in document["plan"]["strategies"]] == ["Visual timetable"]
    assert [line["name"] for line in document["plan"]["interventions"]] == ["Nurture group"]
    assert PlanTally.objects.get(intervention=intervention).count == 1
    assert not response.cookies


def test_the_my_list_page_links_to_a_plan_carrying_the_list(client):
    strategy = make_strategy()
    text = client.get("/my-list/", {"items": str(strategy.uuid)}).content.decode()
    assert f'href="/plan/?items={strategy.uuid}"' in text
    assert "Start a plan from this list" in text


def test_starting_from_the_needs_finder_brings_what_was_ticked_and_its_suggestions(client):
    strategy = make_strategy(title="Chunk the task")
    observation = make_observation(text="Finds it hard to start writing", links=[(strategy, 3)])
    finder = client.get("/finder/", {"seen": str(observation.uuid), "step": "results"}).content.decode()
    assert f'href="/plan/?seen={observation.uuid}"' in finder
    response = client.get(URL, {"seen": str(observation.uuid)})
    document = embedded_document(response)
    assert document["assess"]["observations"][0]["text"] == "Finds it hard to start writing"
    text = response.content.decode()
    assert "Suggested for what was noticed" in text
    assert f'value="add-strategy:{strategy.uuid}"' in text
    added = embedded_document(post(client, document, go=f"add-strategy:{strategy.uuid}"))
    assert added["plan"]["strategies"][0]["title"] == "Chunk the task"


def test_a_strategy_can_be_found_by_name_and_added(client):
    strategy = make_strategy(title="Movement breaks")
    response = post(client, started(client), go="find", find="movement")
    assert f'value="add-strategy:{strategy.uuid}"' in response.content.decode()
    document = embedded_document(post(client, embedded_document(response), go=f"add-strategy:{strategy.uuid}"))
    document = embedded_document(post(client, document, go=f"add-strategy:{strategy.uuid}"))
    assert len(document["plan"]["strategies"]) == 1


def test_adding_an_intervention_costs_it_with_the_councils_formula_and_counts_it(client):
    intervention = reading_group(teaching_assistant())
    response = post(client, started(client), go="add-intervention", add_intervention=str(intervention.uuid))
    line = embedded_document(response)["plan"]["interventions"][0]
    assert line["snapshot"] == {
        "role_name": "Teaching assistant",
        "hourly_rate": "14.00",
        "on_cost_percent": "0.00",
        "cost_per_pupil_per_year": "199.50",
        "weekly_staff_hours": "1.50",
    }
    assert line["costing_date"] == timezone.localdate().isoformat()
    text = response.content.decode()
    assert "£199.50 per pupil per year" in text
    assert "How is this worked out?" in text
    assert "Total cost for this pupil: <strong>£199.50 a year</strong>" in text
    assert PlanTally.objects.get(intervention=intervention).count == 1


def test_changing_a_lines_inputs_works_its_cost_out_again(client):
    intervention = reading_group(teaching_assistant())
    document = embedded_document(
        post(client, started(client), go="add-intervention", add_intervention=str(intervention.uuid))
    )
    changed = {"doc.plan.interventions.0.group_size": "2", "doc.plan.interventions.0.resource_cost_per_pupil": "£10"}
    document = embedded_document(post(client, document, **changed))
    assert document["plan"]["interventions"][0]["snapshot"]["cost_per_pupil_per_year"] == "409.00"
    assert document["costing"]["total_per_pupil_per_year"] == "409.00"


def test_after_a_rate_change_the_plan_shows_both_costs_and_the_teacher_chooses_to_update(client):
    role = teaching_assistant(valid_from=date(2020, 1, 1))
    intervention = reading_group(role)
    document = embedded_document(
        post(client, started(client), go="add-intervention", add_intervention=str(intervention.uuid))
    )
    role.valid_to = timezone.localdate() - timezone.timedelta(days=1)
    role.save()
    teaching_assistant(hourly_rate=Decimal("16.00"), valid_from=timezone.localdate())
    response = post(client, document)
    text = response.content.decode()
    assert "changed staff rates since this plan was costed" in text
    assert "£199.50 per pupil per year at £14.00 an hour" in text
    assert "£228.00 at today’s rate for Teaching assistant, £16.00 an hour" in text
    kept = embedded_document(response)
    assert kept["plan"]["interventions"][0]["snapshot"]["cost_per_pupil_per_year"] == "199.50"
    updated = embedded_document(post(client, kept, go="update-rates"))
    assert updated["plan"]["interventions"][0]["snapshot"]["cost_per_pupil_per_year"] == "228.00"


def test_removing_takes_the_entry_out(client):
    document = embedded_document(post(client, started(client), go="add-outcome"))
    document = embedded_document(post(client, document, go="add-outcome", **{"doc.plan.outcomes.0.outcome": "First"}))
    document = embedded_document(post(client, document, go="remove:outcome:0"))
    assert [outcome["outcome"] for outcome in document["plan"]["outcomes"]] == [""]


def test_the_costs_download_as_a_spreadsheet(client):
    intervention = reading_group(teaching_assistant())
    document = embedded_document(
        post(client, started(client), go="add-intervention", add_intervention=str(intervention.uuid))
    )
    response = post(client, document, go="csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["Reading catch-up group", "Teaching assistant", "4"]
    assert rows[1][-1] == "199.50"
    assert rows[-1][0] == "Total per pupil per year" and rows[-1][-1] == "199.50"


def test_the_plan_to_print_has_the_costs_table_and_total(client):
    intervention = reading_group(teaching_assistant())
    document = embedded_document(
        post(client, started(client), go="add-intervention", add_intervention=str(intervention.uuid))
    )
    text = post(client, document, go="summary").content.decode()
    assert "Total per pupil per year" in text
    assert "£199.50" in text


def test_the_plan_page_and_its_outputs_are_never_cached_and_set_no_cookie(client):
    document = started(client)
    for go in ("save", "download", "csv", "summary"):
        response = post(client, document, go=go)
        assert response["Cache-Control"] == "private, no-cache, no-store"
        assert not response.cookies


def test_the_plan_page_makes_a_constant_number_of_queries(client, django_assert_max_num_queries):
    role = teaching_assistant()
    document = started(client)
    for _ in range(3):
        intervention = reading_group(role, name=f"Group {_}", slug=f"group-{_}")
        document = embedded_document(
            post(client, document, go="add-intervention", add_intervention=str(intervention.uuid))
        )
        document["plan"]["strategies"].append(
            {"uuid": str(make_strategy().uuid), "slug": "s", "title": "t", "role": ""}
        )
    with django_assert_max_num_queries(12):
        post(client, document)


def test_the_home_page_and_the_footer_link_to_the_plan(client):
    text = client.get("/").content.decode()
    assert 'href="/plan/">Plan support for a pupil</a>' in text
    assert 'href="/plan/">Plan support for a pupil: assess, plan, do and review, with costs</a>' in text


def test_the_privacy_notice_and_cookies_page_say_what_a_plan_keeps_in_the_browser(client):
    assert "A plan is sent to us only when you press one of its buttons" in client.get("/cookies/").content.decode()
    assert "nothing about a pupil ever reaches our records" in client.get("/privacy/").content.decode()


def test_the_admin_home_shows_this_months_interventions_added_to_plans(client, editor):
    intervention = make_intervention(name="Lego-based therapy group")
    client.get(URL, {"items": str(intervention.uuid)})
    client.force_login(editor)
    text = client.get("/admin/").content.decode()
    assert "Interventions most often added to plans this month" in text
    assert "Lego-based therapy group (1)" in text


def test_the_start_page_makes_a_constant_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):  # the site's settings and footer, as on every page
        client.get(URL)


def test_the_plan_to_print_names_who_delivers_by_role_and_when(client):
    role = teaching_assistant()
    strategy = make_strategy(title="Pre-teach key words")
    intervention = reading_group(role)
    document = embedded_document(client.get(URL, {"items": f"{strategy.uuid},{intervention.uuid}"}))
    typed = {"doc.plan.interventions.0.when": "Tuesday mornings", "doc.plan.strategies.0.role": role.slug}
    text = post(client, document, go="summary", **typed).content.decode()
    assert "Reading catch-up group: delivered by Teaching assistant, Tuesday mornings" in text
    assert "Pre-teach key words (Teaching assistant)" in text


def test_a_line_whose_role_no_longer_has_a_rate_keeps_its_role_and_cost_when_saved(client):
    role = teaching_assistant()
    intervention = reading_group(role)
    document = embedded_document(
        post(client, started(client), go="add-intervention", add_intervention=str(intervention.uuid))
    )
    role.valid_to = timezone.localdate() - timezone.timedelta(days=1)
    role.save()
    response = post(client, document, **{"doc.plan.interventions.0.role": "teaching-assistant"})
    assert "Teaching assistant (no longer a current rate)" in response.content.decode()
    line = embedded_document(response)["plan"]["interventions"][0]
    assert (line["role"], line["snapshot"]["cost_per_pupil_per_year"]) == ("teaching-assistant", "199.50")


def test_line_breaks_are_kept_as_the_browsers_script_keeps_them(client):
    document = embedded_document(post(client, started(client), **{"doc.assess.strengths": "Kind\r\nFunny\rBrave"}))
    assert document["assess"]["strengths"] == "Kind\nFunny\nBrave"


def test_a_plan_from_the_needs_finder_takes_the_same_queries_however_many_suggestions(client):
    def queries_for(links):
        observation = make_observation(links=links)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"seen": str(observation.uuid)}).status_code == 200
        return len(captured)

    queries_for([(make_strategy(), 1)])  # the site's settings and footer, read once
    one = queries_for([(make_strategy(), 2), (make_intervention(), 1)])
    many = queries_for([(make_strategy(), 2) for _ in range(12)] + [(make_intervention(), 1) for _ in range(6)])
    assert many == one


def test_removing_one_intervention_keeps_the_figures_of_those_after_it(client):
    """A line keeps the rates it was costed with until the teacher chooses today's: removing the line above it must
    not count as changing who delivers it."""
    from tests.factories import make_staff_role

    first = reading_group(teaching_assistant(valid_from=date(2020, 1, 1)), name="First group")
    teacher = make_staff_role(name="Teacher", slug="teacher", hourly_rate=Decimal("30.00"), valid_from=date(2020, 1, 1))
    second = reading_group(teacher, name="Second group")
    document = embedded_document(post(client, started(client), go="add-intervention", add_intervention=str(first.uuid)))
    document = embedded_document(post(client, document, go="add-intervention", add_intervention=str(second.uuid)))
    assert document["plan"]["interventions"][1]["snapshot"]["cost_per_pupil_per_year"] == "427.50"
    teacher.valid_to = timezone.localdate() - timezone.timedelta(days=1)  # the council raises the rate from today
    teacher.save()
    make_staff_role(name="Teacher", slug="teacher", hourly_rate=Decimal("40.00"), valid_from=timezone.localdate())
    after = embedded_document(post(client, document, go="remove:intervention:0"))
    (line,) = after["plan"]["interventions"]
    assert line["snapshot"]["cost_per_pupil_per_year"] == "427.50"


def test_an_intervention_the_council_costed_by_hand_brings_its_figure_into_the_plan(client):
    """No staff role or timings, a cost typed in the admin: the plan counts that figure until the teacher chooses who
    delivers it."""
    from tests.factories import make_level

    intervention = make_intervention(level=make_level(is_costed=True), cost_per_pupil_per_year=Decimal("650.00"))
    response = post(client, started(client), go="add-intervention", add_intervention=str(intervention.uuid))
    document = embedded_document(response)
    assert document["costing"]["total_per_pupil_per_year"] == "650.00"
    assert "the council’s figure" in response.content.decode()
    saved = embedded_document(post(client, document))  # kept as the plan goes back and forth
    assert saved["plan"]["interventions"][0]["snapshot"]["cost_per_pupil_per_year"] == "650.00"
    assert saved["costing"]["total_per_pupil_per_year"] == "650.00"
