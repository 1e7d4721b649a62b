"""The Strategy and Intervention change lists' area filter: grouped as the public filter is, and it filters."""

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_category, make_intervention, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    needs = make_category(name="The four broad areas of need", slug="areas-of-need", order=1)
    semh = make_category(name="Social, emotional and mental health", slug="semh", parent=needs, order=2)
    cognition = make_category(name="Cognition and learning", slug="cognition", parent=needs, order=1)
    standards = make_category(name="Teachers' Standards", slug="standards", order=2)
    return {
        "needs": needs,
        "semh": semh,
        "cognition": cognition,
        "anxiety": make_category(name="Anxiety", slug="anxiety", parent=semh, order=1),
        "attention": make_category(name="Attention", slug="attention", parent=semh, order=2),
        "reading": make_category(name="Reading", slug="reading", parent=cognition),
        "standards": standards,
        "ts1": make_category(name="1. Set high expectations", slug="ts1", parent=standards),
    }


class _AreaFilter(HTMLParser):
    """The area filter's links as (nesting depth, text), in the order the page gives them."""

    def __init__(self):
        super().__init__()
        self.links, self._inside, self._depth, self._text = [], False, 0, None

    def handle_starttag(self, tag, attrs):
        if tag == "details" and ("data-filter-title", "area") in attrs:
            self._inside = True
        elif self._inside and tag == "ul":
            self._depth += 1
        elif self._inside and tag == "a":
            self._text = ""

    def handle_endtag(self, tag):
        if self._inside and tag == "details":
            self._inside = False
        elif self._inside and tag == "ul":
            self._depth -= 1
        elif self._inside and tag == "a":
            self.links.append((self._depth, self._text.strip()))
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text += data


def _area_filter(response):
    parser = _AreaFilter()
    parser.feed(response.content.decode())
    return parser.links


def _listed(response):
    return sorted(str(item) for item in response.context["cl"].result_list)


@pytest.mark.parametrize("changelist", ["/admin/categories/strategy/", "/admin/resources/intervention/"])
def test_the_area_filter_nests_areas_under_frameworks_and_sub_areas_under_areas(admin_client, tree, changelist):
    response = admin_client.get(changelist)
    assert _area_filter(response) == [
        (1, "All"),
        (1, "The four broad areas of need"),
        (2, "Cognition and learning"),
        (3, "Reading"),
        (2, "Social, emotional and mental health"),
        (3, "Anxiety"),
        (3, "Attention"),
        (1, "Teachers' Standards"),
        (2, "1. Set high expectations"),
    ]


def test_choosing_an_area_lists_the_strategies_in_it_and_in_its_sub_areas(admin_client, tree):
    make_strategy(title="Worry time", categories=[tree["anxiety"]])
    make_strategy(title="Calm corner", categories=[tree["semh"]])
    make_strategy(title="Paired reading", categories=[tree["reading"]])
    make_strategy(title="High expectations", categories=[tree["ts1"]])
    response = admin_client.get("/admin/categories/strategy/", {"category": tree["semh"].pk})
    assert _listed(response) == ["Calm corner", "Worry time"]


def test_choosing_a_sub_area_lists_only_its_strategies(admin_client, tree):
    make_strategy(title="Worry time", categories=[tree["anxiety"], tree["ts1"]])
    make_strategy(title="Movement breaks", categories=[tree["attention"]])
    make_strategy(title="Calm corner", categories=[tree["semh"]])
    response = admin_client.get("/admin/categories/strategy/", {"category": tree["anxiety"].pk})
    assert _listed(response) == ["Worry time"]
    assert response.context["cl"].result_count == 1  # filed twice, listed once


def test_choosing_a_framework_lists_everything_filed_anywhere_below_it(admin_client, tree):
    make_intervention(name="Nurture group", categories=[tree["anxiety"]])
    make_intervention(name="Reading catch-up", categories=[tree["reading"]])
    make_intervention(name="Coaching for teachers", categories=[tree["ts1"]])
    response = admin_client.get("/admin/resources/intervention/", {"category": tree["needs"].pk})
    assert _listed(response) == ["Nurture group", "Reading catch-up"]


@pytest.mark.parametrize("value", ["abc", "-1", "99999", "١", ""])
def test_an_unknown_area_lists_everything(admin_client, tree, value):
    make_strategy(title="Worry time", categories=[tree["anxiety"]])
    make_strategy(title="Paired reading", categories=[tree["reading"]])
    response = admin_client.get("/admin/categories/strategy/", {"category": value})
    assert response.status_code == 200
    assert _listed(response) == ["Paired reading", "Worry time"]


def _queries(client, url, data):
    """Queries for the page, asked twice: the first also reloads the site settings after a content change."""
    client.get(url, data)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, data).status_code == 200
    return len(queries)


def test_the_area_filter_costs_the_same_queries_however_big_the_tree(admin_client, tree):
    make_strategy(categories=[tree["anxiety"]])
    before = _queries(admin_client, "/admin/categories/strategy/", {"category": tree["semh"].pk})
    for number in range(10):
        area = make_category(name=f"Area {number}", parent=tree["needs"], order=10 + number)
        sub_area = make_category(name=f"Sub-area {number}", parent=area)
        make_strategy(categories=[area, sub_area, tree["anxiety"]])
    assert _queries(admin_client, "/admin/categories/strategy/", {"category": tree["semh"].pk}) == before


def test_with_facets_shown_each_area_counts_what_is_filed_in_it_or_below(admin_client, tree):
    make_strategy(title="Worry time", categories=[tree["anxiety"]])
    make_strategy(title="Movement breaks", categories=[tree["attention"]])
    response = admin_client.get("/admin/categories/strategy/", {"_facets": "True"})
    links = {text.rsplit(" (", 1)[0]: text for _depth, text in _area_filter(response)}
    assert links["Social, emotional and mental health"] == "Social, emotional and mental health (2)"
    assert links["Anxiety"] == "Anxiety (1)" and links["Reading"] == "Reading (0)"
