"""Visitors get no cookies; staff get only strictly necessary ones; the cookies page lists each one."""

from tests.browser.pages import ADMIN_EMAIL, ADMIN_PASSWORD, PUBLIC_PAGES, SEARCH_PAGES, type_for_suggestions


def _listed_cookies(page):
    """Name → (purpose, expiry) from the table on /cookies/."""
    page.goto("/cookies/")
    rows = page.locator("main table tbody tr").all()
    return {
        cells[0]: (cells[1], cells[2])
        for cells in ([cell.strip() for cell in row.locator("td").all_inner_texts()] for row in rows)
    }


def test_browsing_every_public_page_sets_no_cookies(page):
    # Given an anonymous visitor, when they visit every public page, search and use the suggestions
    for _, path, _ in PUBLIC_PAGES:
        page.goto(path)
    for _, path in SEARCH_PAGES:
        page.goto(path)
    page.goto("/")
    page.locator("#home-search-q").click()
    type_for_suggestions(page, "visual")

    # Then they have no cookies at all
    assert page.context.cookies() == []


def test_every_cookie_staff_get_is_listed_with_its_purpose_and_lifetime(page):
    listed = _listed_cookies(page)

    page.goto("/admin/login/")
    page.get_by_label("Email address").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/categories/strategy/")

    names = {cookie["name"] for cookie in page.context.cookies()}
    assert "sessionid" in names
    for name in names:
        assert name in listed, f"cookie {name} is not on the cookies page"
        purpose, expiry = listed[name]
        assert purpose and expiry, f"cookie {name} has no purpose or lifetime on the cookies page"
