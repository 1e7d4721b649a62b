"""Navigation, footer and filter panel are rendered once per content version and reused: each visitor still sees
their own choices and the page they are on, and a change shows at once."""

import pytest

from oap_directory.models import SiteSettings
from tests.factories import make_category, make_level, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(db):
    reading = make_category(name="Reading", slug="reading")
    make_strategy(categories=[reading], level=make_level(name="Universal", slug="universal"))
    return reading


def _checked(html, value):
    return f'value="{value}" id="id_level_0" checked>' in html


def test_filter_panel_shows_each_visitors_own_choices(client, category):
    assert _checked(client.get("/categories/reading/?level=universal").content.decode(), "universal")
    assert not _checked(client.get("/categories/reading/").content.decode(), "universal")
    assert _checked(client.get("/categories/reading/?level=universal").content.decode(), "universal")


def test_footer_and_header_show_a_settings_change_at_once(client, category):
    assert "Northbrook Council" not in client.get("/categories/reading/").content.decode()
    site = SiteSettings.load()
    site.council_name = "Northbrook Council"
    site.save()
    html = client.get("/categories/reading/").content.decode()
    assert html.count("Northbrook Council") >= 3  # header, printed header and footer


def test_navigation_marks_the_page_or_the_section_the_visitor_is_in(client, category):
    strategy = make_strategy(categories=[category], slug="one-step")
    on_list = client.get("/strategies/").content.decode()
    in_section = client.get(f"/strategies/{strategy.slug}/").content.decode()
    assert 'href="/strategies/" aria-current="page"' in on_list
    assert 'href="/strategies/" aria-current="true"' in in_section


def test_in_this_section_counts_follow_each_visitors_filters(client, db):
    top = make_category(name="Cognition", slug="cognition")
    reading = make_category(name="Reading", slug="reading", parent=top)
    universal, targeted = make_level(slug="universal"), make_level(slug="targeted")
    make_strategy(categories=[reading], level=universal)
    make_strategy(categories=[reading], level=targeted)
    filtered = client.get("/categories/cognition/?level=universal").content.decode()
    unfiltered = client.get("/categories/cognition/").content.decode()
    assert "</span>1 strategy<span" in filtered
    assert "</span>2 strategies<span" in unfiltered
