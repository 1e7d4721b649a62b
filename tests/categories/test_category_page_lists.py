"""What a category page lists under its strategies: each strategy's phases, and the resources its strategies link to."""

import re

import pytest

from tests.factories import make_category, make_level, make_phase, make_resource, make_strategy

pytestmark = pytest.mark.django_db


def test_a_strategy_on_a_category_page_lists_its_phases_in_the_councils_order(client):
    secondary = make_phase(name="Secondary", slug="secondary", order=3)
    early_years = make_phase(name="Early years", slug="early-years", order=1)
    make_phase(name="Primary", slug="primary", order=2)
    routines = make_category(name="Routines", slug="routines")
    make_strategy(title="Use a visual timetable", categories=[routines], phases=[secondary, early_years])

    page = client.get("/categories/routines/").content.decode()

    assert "Early years, Secondary</p>" in page


def test_a_category_page_suggests_the_first_twelve_resources_its_strategies_link_to_by_title(client):
    routines = make_category(name="Routines", slug="routines")
    timetable = make_strategy(title="Use a visual timetable", categories=[routines])
    titles = [f"Routine card {letter}" for letter in "NMLKJIHGFEDCBA"]  # created in reverse order of title
    for title in titles:
        make_resource(title=title, strategies=[timetable])
    make_resource(title="Routine card 0, linked to nothing here")

    page = client.get("/categories/routines/").content.decode()
    listed = re.findall(r'class="govuk-link" href="/resources/[^"]+">([^<]+)</a>', page)

    assert listed == sorted(titles)[:12]


def test_strategies_without_a_level_come_after_those_with_one_on_every_database(client):
    routines = make_category(name="Routines", slug="routines")
    make_strategy(title="Agree a calm-down plan", categories=[routines], level=None)
    make_strategy(title="Use a visual timetable", categories=[routines], level=make_level(name="Universal"))

    for url in ("/categories/routines/", "/strategies/"):
        page = client.get(url).content.decode()
        assert page.index("Use a visual timetable") < page.index("Agree a calm-down plan"), url
    listed = [item["title"] for item in client.get("/api/v1/strategies/").json()["results"]]
    assert listed == ["Use a visual timetable", "Agree a calm-down plan"]
