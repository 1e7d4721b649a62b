"""What each resource and intervention in a list says about itself, wherever the list appears."""

import re

import pytest

from tests.factories import make_category, make_intervention, make_level, make_resource, make_strategy

pytestmark = pytest.mark.django_db


def _meta_lines(content):
    return [
        re.sub(r"\s+", " ", line).strip() for line in re.findall(r'<p class="govuk-body-s oap-meta">(.*?)</p>', content)
    ]


def test_an_intervention_in_a_list_shows_its_level_evidence_and_cost(client):
    make_intervention(
        name="Small-group phonics catch-up",
        level=make_level(name="Targeted", is_costed=True),
        evidence_strength="strong",
        cost_per_pupil_per_year=1234,
    )
    make_intervention(
        name="Whole-class movement breaks",
        level=make_level(name="Universal", is_costed=False),
        evidence_strength="emerging",
        cost_per_pupil_per_year=None,
    )

    lines = _meta_lines(client.get("/interventions/").content.decode())

    assert "Targeted · Evidence: strong · about £1,234 per pupil per year" in lines
    assert "Universal · Evidence: emerging" in lines


def test_a_resource_in_a_list_shows_its_type_and_provider_when_it_has_one(client):
    make_resource(title="Visual timetable symbols", kind="document", provider="Speech and language service")
    make_resource(title="Fidget tools explained", kind="video", provider="")

    lines = _meta_lines(client.get("/resources/").content.decode())

    assert "Document · Speech and language service" in lines
    assert "Video" in lines


def test_a_category_page_lists_its_interventions_and_the_resources_of_its_strategies(client):
    category = make_category(name="Reading")
    strategy = make_strategy(categories=[category])
    make_resource(title="Decodable books guide", kind="web_page", provider="Library service", strategies=[strategy])
    make_intervention(
        name="Reading recovery group",
        level=make_level(name="Specialist", is_costed=True),
        categories=[category],
        cost_per_pupil_per_year=980,
    )

    content = client.get(category.get_absolute_url()).content.decode()

    assert "Decodable books guide" in content and "Reading recovery group" in content
    assert "Web page · Library service" in _meta_lines(content)
    assert any(
        line.startswith("Specialist · Evidence: ") and "about £980 per pupil" in line for line in _meta_lines(content)
    )


@pytest.mark.parametrize(
    ("url", "make"),
    [("/resources/", lambda n: make_resource(title="Visual timetable template", slug=f"visual-timetable-{n}")),
     ("/interventions/", lambda n: make_intervention(name="Reading catch-up", slug=f"reading-catch-up-{n}")),
     ("/strategies/", lambda n: make_strategy(title="Use a visual timetable", slug=f"use-a-visual-timetable-{n}",
                                              categories=[make_category()]))],
)  # fmt: skip
def test_items_with_the_same_title_are_each_listed_once_across_the_pages(client, url, make):
    """Equal titles come in a fixed order: PostgreSQL gives rows that sort equal in any order it likes, and with 120
    of them one resource was listed twice and another never."""
    slugs = {make(n).slug for n in range(120)}
    listed = []
    for page in range(1, 7):
        html = client.get(url, {"page": page}).content.decode()
        listed += re.findall(
            r'href="/[a-z]+/((?:visual-timetable|reading-catch-up|use-a-visual-timetable)-\d+)/"', html
        )
    assert sorted(listed) == sorted(slugs)
