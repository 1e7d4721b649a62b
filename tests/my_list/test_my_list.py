"""My list: a shortlist kept in the list page's address (or, with JavaScript, in the browser), never on the server."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from categories.content import Status
from oap_directory.models import SiteSettings
from tests.factories import make_category, make_intervention, make_resource, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site():
    return SiteSettings.load()


def _items(*things):
    return ",".join(str(getattr(thing, "uuid", thing)) for thing in things)


def _page(client, query):
    response = client.get(f"/my-list/?{query}")
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_list_shows_its_items_grouped_by_type_with_their_statements(client):
    strategy = make_strategy(title="Movement breaks", teacher_statement="Plan short movement breaks.")
    resource = make_resource(title="Fidget toolkit", summary="A guide to calm-down tools.")
    intervention = make_intervention(name="Nurture group", summary="A small group after lunch.")
    _, html = _page(client, f"items={_items(resource, strategy, intervention)}")
    for text in [
        "Movement breaks",
        "Plan short movement breaks.",
        "Fidget toolkit",
        "A guide to calm-down tools.",
        "Nurture group",
        "A small group after lunch.",
    ]:
        assert text in html
    assert html.index("Movement breaks") < html.index("Nurture group") < html.index("Fidget toolkit")
    assert "3 items" in html


def test_an_empty_list_says_how_to_add_to_it(client):
    _, html = _page(client, "")
    assert "Your list is empty" in html


def test_remove_and_reorder_links_carry_the_changed_list(client):
    first, second, third = make_strategy(), make_strategy(), make_strategy()
    _, html = _page(client, f"items={_items(first, second, third)}")
    assert f"items={first.uuid}%2C{third.uuid}" in html  # remove the second
    assert f"items={second.uuid}%2C{first.uuid}%2C{third.uuid}" in html  # move the second up
    assert f"items={first.uuid}%2C{third.uuid}%2C{second.uuid}" in html  # move the second down


def test_the_share_link_is_absolute_from_site_url_and_holds_only_uuids(client, settings):
    settings.SITE_URL = "https://oap.northbrook.example"
    strategy = make_strategy()
    _, html = _page(client, f"items={_items(strategy)}&mine=1")
    assert f'value="https://oap.northbrook.example/my-list/?items={strategy.uuid}"' in html


def test_archived_items_show_as_no_longer_available(client):
    kept = make_strategy(title="Still here")
    archived = make_strategy(title="Withdrawn strategy", status=Status.ARCHIVED)
    _, html = _page(client, f"items={_items(kept, archived)}")
    assert "Still here" in html
    assert "Withdrawn strategy" in html and "No longer available" in html
    assert archived.get_absolute_url() not in html


def test_drafts_and_unknown_uuids_are_left_out_with_a_note(client):
    draft = make_strategy(title="Secret draft", status=Status.DRAFT)
    _, html = _page(client, f"items={_items(draft, uuid.uuid4(), make_strategy())}")
    assert "Secret draft" not in html
    assert "2 could not be found on this site" in html


def test_malformed_and_repeated_uuids_are_ignored_with_a_note(client):
    strategy = make_strategy(title="Real one")
    _, html = _page(client, f"items={_items(strategy)},not-a-uuid,{strategy.uuid},%00,{'x' * 5000}")
    assert "Real one" in html and "1 item." in html
    assert "3 were not valid items" in html
    assert "1 was a repeat" in html


def test_more_than_a_hundred_items_gives_a_clear_message_not_an_error(client):
    strategies = [make_strategy() for _ in range(101)]
    _, html = _page(client, f"items={_items(*strategies)}")
    assert "at most 100 items" in html
    assert "100 items." in html
    assert strategies[100].title not in html.replace(strategies[10].title, "")  # the 101st is left out
    assert "the most a list can hold" in html  # and nothing more can be added


def test_a_hundred_items_fit_in_gunicorns_request_line():
    from gunicorn.config import Config

    address = f"GET /my-list/?items={_items(*(uuid.uuid4() for _ in range(100)))} HTTP/1.1"
    assert len(address) <= Config().limit_request_line


def test_adding_by_web_address_puts_the_item_at_the_end_of_the_list(client, settings):
    settings.SITE_URL = "https://oap.northbrook.example"
    first, second = make_strategy(), make_resource()
    address = f"https://oap.northbrook.example{second.get_absolute_url()}"
    response = client.get("/my-list/", {"items": _items(first), "address": address, "mine": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/my-list/?items={first.uuid}%2C{second.uuid}&mine=1"


def test_an_address_that_is_not_a_published_item_is_explained(client):
    draft = make_strategy(status=Status.DRAFT)
    for address in [draft.get_absolute_url(), "/privacy/", "https://elsewhere.example/strategies/x/"]:
        response = client.get("/my-list/", {"address": address})
        assert response.status_code == 200
        assert "There is no published strategy, intervention or resource at that address" in response.content.decode()
    response = client.get("/my-list/", {"address": "a\x00b"})
    assert "Null characters are not allowed" in response.content.decode()


def test_the_lists_own_search_box_offers_items_to_add(client):
    on_list = make_strategy(title="Visual timetable for the day")
    offered = make_intervention(name="Visual timetable coaching")
    make_strategy(title="Visual timetable draft", status=Status.DRAFT)
    _, html = _page(client, f"items={_items(on_list)}&q=visual+timetable")
    assert f"items={on_list.uuid}%2C{offered.uuid}" in html
    assert "Visual timetable draft" not in html


def test_item_pages_offer_add_to_my_list_without_carrying_a_list(client):
    strategy, resource, intervention = make_strategy(), make_resource(), make_intervention()
    for item in (strategy, resource, intervention):
        html = client.get(item.get_absolute_url()).content.decode()
        assert f'href="/my-list/?items={item.uuid}"' in html
        assert "Add to my list" in html


def test_the_list_is_private_and_sets_no_cookie(client):
    response, _ = _page(client, f"items={_items(make_strategy())}")
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_query_count_is_the_same_at_ten_and_a_hundred(client):
    def count(size):
        items = [[make_strategy, make_resource, make_intervention][n % 3]() for n in range(size)]
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/my-list/?items={_items(*items)}")
        return len(queries)

    at_ten = count(10)
    assert at_ten == count(100)
    assert at_ten <= 6


def test_lists_of_results_offer_add_to_my_list_for_each_item(client):
    strategy = make_strategy(categories=[make_category()])
    resource, intervention = make_resource(), make_intervention()
    for list_url, item in [("/strategies/", strategy), ("/resources/", resource), ("/interventions/", intervention)]:
        html = client.get(list_url).content.decode()
        assert f'href="/my-list/?items={item.uuid}" data-my-list-add="{item.uuid}"' in html


def test_the_menu_links_to_my_list_on_every_page(client):
    html = client.get("/").content.decode()
    assert 'href="/my-list/" data-my-list-link' in html


def test_search_results_offer_add_to_my_list_for_each_item_that_can_go_on_a_list(client, indexed):
    category = make_category(name="Handwriting")
    strategy = make_strategy(title="Handwriting warm-ups", categories=[category])
    resource = make_resource(title="Handwriting grips guide")
    html = client.get("/search/?q=handwriting").content.decode()
    for item in (strategy, resource):
        assert f'href="/my-list/?items={item.uuid}" data-my-list-add="{item.uuid}"' in html
    assert f"items={category.uuid}" not in html  # categories are browsed, not listed
