"""A parent on a phone and a teacher in a hurry: results before filters, words explained, print and share."""

import json
import re
import statistics

import pytest
from django.conf import settings
from playwright.sync_api import expect

from oap_directory.richtext import plain_text
from oap_directory.starter_content import STARTER_DIR
from tests.browser.pages import assert_accessible

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
LIST_PAGES = ["/strategies/", "/interventions/", "/resources/", "/categories/semh/", "/search/?q=reading"]


def _with_phase(path):
    """The list at `path`, filtered to Primary."""
    return path + ("&" if "?" in path else "?") + "phase=primary"


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE).new_page()


def _top(page, selector):
    return page.locator(selector).first.evaluate("(element) => element.getBoundingClientRect().top + window.scrollY")


@pytest.mark.parametrize("path", ["/categories/areas-of-need/", "/categories/semh/"])
def test_on_a_phone_the_first_strategy_is_within_1200_pixels(phone, path):
    phone.goto(path)

    assert _top(phone, ".oap-result") < 1200
    assert_accessible(phone)


@pytest.mark.parametrize("path", ["/search/?q=reading", "/search/?q=anxiety&type=strategy"])
def test_on_a_phone_the_first_search_result_comes_before_the_filters(phone, path):
    phone.goto(path)

    assert _top(phone, ".oap-result") < 1200
    assert _top(phone, ".oap-result") < _top(phone, ".oap-results-layout__filters")
    expect(phone.locator(".oap-filters")).to_be_hidden()
    assert_accessible(phone)


@pytest.mark.parametrize("path", LIST_PAGES)
def test_on_a_phone_the_filters_open_and_close_from_a_button_by_keyboard(phone, path):
    phone.goto(_with_phase(path))
    toggle = phone.get_by_role("button", name="Filter (1 selected)")
    filters = phone.locator(".oap-filters")
    expect(filters).to_be_hidden()
    assert _top(phone, ".oap-result") < _top(phone, ".oap-results-layout__filters")

    toggle.focus()
    phone.keyboard.press("Enter")

    expect(filters).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_be_focused()
    assert _top(phone, ".oap-filters") < _top(phone, ".oap-result")  # opened in place, above the results
    assert_accessible(phone)

    phone.keyboard.press("Space")

    expect(filters).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()


@pytest.mark.parametrize("path", LIST_PAGES)
def test_on_a_wide_screen_the_filters_stay_beside_the_results(page, path):
    page.goto(path)

    expect(page.locator(".oap-filter-toggle")).to_be_hidden()
    results, filters = (page.locator(s).first.bounding_box() for s in (".oap-result", ".oap-filters"))
    assert filters["x"] > results["x"] + results["width"] - 1
    assert abs(filters["y"] - results["y"]) < 400


@pytest.mark.parametrize("path", LIST_PAGES)
def test_without_javascript_results_come_first_with_skip_links_both_ways(new_context, path):
    phone = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    phone.goto(_with_phase(path))

    assert _top(phone, ".oap-result") < _top(phone, ".oap-filters")
    skip_to_filters = phone.get_by_role("link", name="Skip to filters")
    skip_to_results = phone.get_by_role("link", name="Skip to results")
    assert _top(phone, "main h1") < skip_to_results.evaluate("(link) => link.getBoundingClientRect().top + scrollY")
    expect(phone.get_by_role("button", name=re.compile("Filter"))).to_have_count(0)
    skip_to_filters.click()
    assert phone.evaluate("location.hash") == "#filters"
    chip = phone.get_by_role("link", name=re.compile("Remove filter: Phase: Primary"))
    chip.click()
    expect(phone).not_to_have_url(re.compile("phase="))


def test_on_a_phone_breadcrumbs_keep_the_parent(phone):
    phone.goto("/categories/reading/")

    crumbs = phone.locator(".govuk-breadcrumbs__list-item")
    visible = [crumb.inner_text() for crumb in crumbs.all() if crumb.is_visible()]
    assert visible == ["Cognition and learning", "Reading"]
    assert_accessible(phone)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_glossary_and_about_explain_the_words(new_context, viewport):
    page = new_context(viewport=viewport).new_page()
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Glossary").click()

    page.get_by_role("link", name="S", exact=True).click()
    expect(page.locator("#sen-support")).to_contain_text("SEN Support")
    assert_accessible(page)

    page.locator("footer").get_by_role("link", name="About this guidance").click()
    expect(page.locator("#level-targeted")).to_contain_text("SEN Support")
    expect(page.get_by_role("heading", name=re.compile("assess, plan, do, review"))).to_be_visible()
    assert_accessible(page)


def test_a_level_on_a_strategy_links_to_its_explanation(page):
    page.goto("/strategies/run-short-daily-precision-teaching-sessions/")

    page.locator(".govuk-summary-list").get_by_role("link", name="SEN Support").click()

    assert page.url.endswith("/about/#level-targeted")


def test_a_search_shows_definitions_beside_the_results(page):
    page.goto("/search/?q=senco")

    expect(page.get_by_role("complementary", name="What the words mean")).to_contain_text("co-ordinator")
    assert_accessible(page)


def test_areas_of_need_are_in_the_menu(phone):
    phone.goto("/")
    phone.get_by_role("button", name="Menu").click()
    phone.get_by_role("navigation", name="Menu").get_by_role("link", name="Areas of need").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Areas of need")
    expect(phone.get_by_role("link", name="Reading")).to_be_visible()
    assert_accessible(phone)


def _median_strategy():
    rows = [
        row
        for path in sorted((STARTER_DIR / "strategies").glob("*.json"))
        for row in json.loads(path.read_text(encoding="utf-8"))
        if row["status"] == "published"
    ]
    length = {
        row["slug"]: len(
            " ".join([row["teacher_statement"], row["child_statement"], plain_text(row["why"]), plain_text(row["how"])])
        )
        for row in rows
    }
    return statistics.median_low(sorted(length.values())), length


def test_a_median_length_strategy_prints_on_one_a4_page_with_full_link_addresses(page):
    median, lengths = _median_strategy()
    slug = next(slug for slug, length in lengths.items() if length == median)
    page.goto(f"/strategies/{slug}/")
    page.emulate_media(media="print")

    pdf = page.pdf(format="A4", print_background=False)

    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages == 1, f"{slug} prints on {pages} pages"
    header = page.locator(".oap-print-header")
    expect(header).to_contain_text("Northbrook Council")
    expect(page.locator(".oap-print-footer")).to_contain_text(f"{settings.SITE_URL}/strategies/{slug}/")
    width = page.locator("main").evaluate("(main) => main.getBoundingClientRect().width")
    assert width > 0.9 * page.evaluate("document.documentElement.clientWidth")
    for link in page.locator("main a[href^='/']").all():
        after = link.evaluate("(link) => getComputedStyle(link, '::after').content")
        assert f"{settings.SITE_URL}{link.get_attribute('href')}" in after


def test_copy_link_copies_the_address_and_tells_screen_readers(new_context):
    context = new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/interventions/paired-reading/")

    page.get_by_role("button", name="Copy link").click()

    status = page.locator("[data-share-status]")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_contain_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{settings.SITE_URL}/interventions/paired-reading/"
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    assert_accessible(page)


def test_print_and_copy_buttons_are_not_shown_without_javascript(new_context):
    page = new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
    page.goto("/resources/northbrook-phonics-catch-up-guide/")

    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()


@pytest.mark.parametrize("path", ["/strategies/", "/search/?q=pupils"])
def test_the_category_filter_is_grouped_by_framework_and_area(page, path):
    page.goto(path)
    filters = page.locator(".oap-filters")

    semh = filters.get_by_role("group", name="Social, emotional and mental health")
    expect(
        semh.get_by_role("checkbox", name=re.compile(r"^All of Social, emotional and mental health"))
    ).to_be_visible()
    expect(semh.get_by_role("checkbox", name=re.compile(r"^Anxiety and wellbeing \(\d+\)$"))).to_be_visible()
    whole_school = filters.get_by_role("group", name="Whole-school universal actions")
    hidden = whole_school.get_by_role("checkbox", name=re.compile(r"^Pupil voice"))
    expect(hidden).to_be_hidden()
    whole_school.get_by_text(re.compile(r"^Show all \d+")).click()
    expect(hidden).to_be_visible()
    assert_accessible(page)
