"""Lists put their results before their filters, say which filters are in use, and group the category filter."""

import re

import pytest

from oap_directory.models import SiteSettings
from tests.factories import make_category, make_level, make_phase, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    areas = make_category(name="Areas of need", slug="areas-of-need")
    cognition = make_category(name="Cognition and learning", slug="cognition", parent=areas)
    reading = make_category(name="Reading", slug="reading", parent=cognition)
    writing = make_category(name="Writing", slug="writing", parent=cognition)
    standards = make_category(name="Teachers' Standards", slug="standards")
    expectations = make_category(name="Set high expectations", slug="ts1", parent=standards)
    primary = make_phase(name="Primary", slug="primary")
    level = make_level(name="SEN Support", slug="sen-support")
    make_strategy(title="Paired reading every day", categories=[reading, expectations], phases=[primary], level=level)
    make_strategy(title="Sentence frames", categories=[writing], phases=[primary])
    make_strategy(title="Phonics catch-up", categories=[reading])
    return {"reading": reading, "writing": writing}


@pytest.mark.parametrize("url", ["/strategies/", "/interventions/", "/resources/", "/categories/cognition/"])
def test_results_come_before_the_filters_with_skip_links_both_ways(client, tree, url):
    page = client.get(url).content.decode()

    assert page.index('href="#filters"') < page.index('class="oap-filters"')
    assert page.index("Skip to results") < page.index('id="filters"')
    assert page.index("<h1") < page.index("Skip to results")
    results = page.index('id="results"') if 'id="results"' in page else page.index('id="strategies"')
    assert results < page.index('class="oap-filters"')
    assert re.search(r"<button[^>]*data-filter-toggle[^>]*hidden[^>]*>Filter \(0 selected\)</button>", page)


@pytest.mark.parametrize("url", ["/strategies/", "/categories/cognition/", "/interventions/"])
def test_chosen_filters_show_as_removable_chips(client, tree, url):
    page = client.get(f"{url}?phase=primary&level=sen-support&page=2").content.decode()

    assert "Filter (2 selected)" in page
    assert "Filters in use" in page
    assert f'href="{url}?level=sen-support"' in page  # removing "Primary" keeps the level, drops the page number
    assert f'href="{url}?phase=primary"' in page
    assert "Remove filter: </span>Phase: Primary" in page


def test_category_filter_is_grouped_by_framework_and_area(client, tree):
    page = client.get("/strategies/?category=writing").content.decode()

    group = page[page.index('class="oap-category-filter"') :]
    assert group.index("Areas of need") < group.index("<legend") < group.index("Cognition and learning")
    assert 'value="cognition"' in group and "All of Cognition and learning" in group
    assert re.search(r'value="writing" id="category-writing" checked', group)
    # Each option says how many strategies it holds with the other filters applied.
    assert re.search(r'Reading <span class="oap-facet-count">\(2\)</span>', group)
    # A framework whose areas have no sub-areas is one group, with the framework as its legend.
    assert re.search(r"<legend[^>]*>\s*Teachers&#x27; Standards\s*</legend>", group)


def test_a_long_filter_shows_the_first_few_and_the_rest_behind_show_all(client, tree):
    tags = [f"topic {n:02}" for n in range(12)]
    make_strategy(tags=tags, categories=[tree["reading"]])

    closed = client.get("/strategies/").content.decode()
    opened = client.get("/strategies/?tag=topic-11").content.decode()

    assert "Show all 12" in closed
    assert '<details class="govuk-details oap-more-options">' in closed
    assert '<details class="govuk-details oap-more-options" open>' in opened


def test_category_page_lists_sub_areas_with_jump_links_to_their_strategies(client, tree):
    page = client.get("/categories/cognition/").content.decode()

    assert 'href="/categories/reading/"' in page
    assert re.search(r'href="#group-reading">.*2 strategies', page)
    assert 'id="group-reading"' in page
    assert "oap-card" not in page


def test_phone_breadcrumbs_keep_the_parent(client, tree):
    page = client.get("/categories/reading/").content.decode()

    assert "oap-breadcrumbs--last-two" in page
    assert 'href="/categories/cognition/">Cognition and learning' in page


def test_areas_of_need_page_shows_the_whole_tree_and_is_in_the_menu(client, tree):
    page = client.get("/categories/").content.decode()

    assert "<h1" in page and "Areas of need</h1>" in page
    assert 'href="/categories/reading/"' in page and 'href="/categories/ts1/"' in page
    assert re.search(r'href="/categories/"\s+aria-current="page"', page)
    assert 'href="/categories/"' in client.get("/").content.decode()


def test_print_and_share_use_the_site_address_not_the_host(client, tree, settings):
    settings.SITE_URL = "https://oap.northbrook.example"
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]

    page = client.get("/categories/reading/?phase=primary", HTTP_HOST="evil.example").content.decode()

    assert 'data-share-url="https://oap.northbrook.example/categories/reading/?phase=primary"' in page
    assert "Printed from https://oap.northbrook.example/categories/reading/?phase=primary" in page
    assert '--oap-site-url: "https://oap.northbrook.example"' in page
    assert "evil.example" not in page


def test_the_category_chip_and_filter_use_the_councils_word_for_a_category(client, tree):
    site = SiteSettings.load()
    site.category_label_singular = "area of need"
    site.save()

    page = client.get("/strategies/?category=writing").content.decode()

    assert "Remove filter: </span>Area of need: Writing" in page
    assert "Category" not in page
    assert re.search(r'<h3 class="govuk-heading-s oap-category-filter__label">Area of need</h3>', page)


def test_search_results_come_before_the_filters_with_skip_links_both_ways(client, indexed, tree):
    page = client.get("/search/?q=reading&phase=primary").content.decode()

    assert page.index("<h1") < page.index("Skip to results") < page.index('id="search-results"')
    assert re.search(r"<button[^>]*data-filter-toggle[^>]*hidden[^>]*>Filter \(1 selected\)</button>", page)
    assert page.index("Remove filter: </span>Phase: Primary") < page.index('id="search-results"')
    assert page.index('href="#filters"') < page.index('id="search-results"') < page.index('class="oap-filters"')
    assert page.index('id="filters"') < page.index('class="oap-filters"')
