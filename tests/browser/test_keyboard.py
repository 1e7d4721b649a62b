"""Everything can be reached and used with the keyboard alone, and focus can always be seen."""

import pytest

from tests.browser.keyboard import focus_is_visible, tab_through, tab_to
from tests.browser.pages import assert_accessible, type_for_suggestions


def test_skip_link_moves_focus_to_the_main_content(page):
    page.goto("/strategies/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("(link) => link === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main-content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/categories/reading/?level=targeted",
        "/strategies/run-short-daily-precision-teaching-sessions/",
        "/search/?q=reading&type=strategy",
        "/accessibility/",
    ],
)
def test_focus_is_visible_on_every_tab_stop_in_page_order(page, path):
    page.goto(path)

    stops = 0
    previous = None
    for element in tab_through(page):
        stops += 1
        description = element.evaluate("(element) => element.outerHTML.slice(0, 200)")
        assert focus_is_visible(page, element), f"no visible focus on {description}"
        assert element.evaluate("(element) => element.tabIndex <= 0"), f"positive tabindex on {description}"
        if previous is not None:
            follows = page.evaluate(
                "([a, b]) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)", [previous, element]
            )
            assert follows, f"tab order jumps back to {description}"
        previous = element
    assert stops > 10


def test_keyboard_only_journey_through_filters_pagination_and_search(page):
    # Given the home page
    page.goto("/")

    # When I go to Reading, tick Primary and SEN Support and apply the filters, all by keyboard
    tab_to(page, 'a[href="/categories/reading/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/categories/reading/")
    tab_to(page, "input[name=level][value=targeted]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=phase][value=primary]")
    page.keyboard.press("Space")
    tab_to(page, ".oap-filters button[type=submit]")
    page.keyboard.press("Enter")

    # Then the address holds the filters and the boxes stay ticked
    page.wait_for_url("**/categories/reading/?level=targeted&phase=primary")
    assert page.locator("input[name=level][value=targeted]").is_checked()
    assert page.locator("input[name=phase][value=primary]").is_checked()

    # When I open a strategy from the results
    tab_to(page, "#main-content .oap-results a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/strategies/*/")

    # And search from the box in the header, filter to strategies and go to the next page
    tab_to(page, "#header-search-q")
    page.keyboard.type("reading")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=reading")
    tab_to(page, "input[name=type][value=strategy]")
    page.keyboard.press("Space")
    tab_to(page, ".oap-filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=reading&type=strategy")
    tab_to(page, "a[rel=next]")
    page.keyboard.press("Enter")

    # Then I am on the second page of strategies about reading
    page.wait_for_url("**/search/?q=reading&type=strategy&page=2")
    assert page.locator(".oap-result").count() > 0
    assert_accessible(page)


def test_search_suggestions_work_by_keyboard(page):
    page.goto("/")

    tab_to(page, "#home-search-q")
    type_for_suggestions(page, "visual")
    page.keyboard.press("ArrowDown")
    chosen = page.locator(".autocomplete__option--focused").inner_text()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator("h1").inner_text().strip() in chosen


def test_menu_on_a_phone_opens_and_works_by_keyboard(new_context):
    page = new_context(viewport={"width": 375, "height": 700}).new_page()
    page.goto("/")
    assert not page.get_by_role("link", name="Resources", exact=True).is_visible()

    tab_to(page, ".govuk-service-navigation__toggle")
    page.keyboard.press("Enter")
    tab_to(page, "a[href='/resources/']")
    page.keyboard.press("Enter")

    page.wait_for_url("**/resources/")
    assert page.locator("h1").inner_text() == "Resource library"
