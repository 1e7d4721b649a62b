"""Every journey works with JavaScript turned off."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import assert_accessible_without_javascript


@pytest.fixture
def page(new_context):
    return new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800}).new_page()


def test_browse_to_a_category_filter_it_and_open_a_strategy(page, new_context):
    # Given the home page
    page.goto("/")

    # When I open an area of need, then a sub-area
    page.get_by_role("link", name="Cognition and learning", exact=True).click()
    page.get_by_role("link", name="Reading", exact=True).click()
    expect(page.locator("h1")).to_have_text("Reading")
    everything = page.get_by_role("status").inner_text()

    # And filter it by phase and level
    page.get_by_label("Primary").check()
    page.get_by_label("SEN Support").check()
    page.get_by_role("button", name="Apply filters").click()

    # Then the address can be shared, and fewer strategies match
    page.wait_for_url("**/categories/reading/?level=targeted&phase=primary")
    assert "match your filters" in page.get_by_role("status").inner_text()
    assert page.get_by_role("status").inner_text() != everything

    # When I open the first strategy
    first = page.locator("#main-content .oap-results h4 a").first
    title = first.inner_text()
    first.click()

    # Then I see it, at its level
    assert page.locator("h1").inner_text() == title
    assert "SEN Support" in page.locator(".govuk-summary-list").inner_text()
    assert_accessible_without_javascript(new_context, page.url)


def test_search_filter_and_go_to_the_next_page(page, new_context):
    # Given the search page
    page.goto("/search/")

    # When I search
    page.get_by_role("searchbox", name="Search for a strategy, intervention or resource").fill("reading")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/search/?q=reading")
    assert page.locator(".oap-result").count() > 0

    # And keep only strategies
    page.locator(".oap-filters").get_by_label("Strategy").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/search/?q=reading&type=strategy")
    assert page.get_by_role("link", name="Remove filter: Type: Strategy").is_visible()

    # And go to the next page
    page.get_by_role("link", name="Next page").click()

    # Then I see more strategies about reading, still filtered
    page.wait_for_url("**/search/?q=reading&type=strategy&page=2")
    assert page.locator(".oap-result").count() > 0
    assert {text.strip() for text in page.locator(".oap-result .govuk-caption-s").all_inner_texts()} == {"Strategy"}
    assert_accessible_without_javascript(new_context, page.url)


def test_skip_link_leads_into_the_main_content(page):
    page.goto("/resources/")

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")


def test_menu_is_shown_without_its_toggle_button(page):
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto("/")

    menu = page.get_by_role("navigation", name="Menu")
    assert menu.get_by_role("link", name="Resources").is_visible()
    assert not menu.get_by_role("button", name="Menu").is_visible()
