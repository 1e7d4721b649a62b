"""A teacher builds a list of five strategies on a phone, shares it, and gets its PDF; and does without JavaScript."""

import re

from playwright.sync_api import expect

from tests.browser.pages import assert_accessible, assert_accessible_without_javascript

PHONE = {"width": 375, "height": 740}


def _strategy_paths(page, count):
    page.goto("/strategies/")
    hrefs = page.locator("#main-content a[href^='/strategies/']").evaluate_all("links => links.map(l => l.pathname)")
    paths = [href for href in dict.fromkeys(hrefs) if href.count("/") == 3]
    return paths[:count]


def test_a_teacher_builds_shares_and_keeps_a_list_of_five_strategies_on_a_phone(new_context, live_site, settings):
    settings.SITE_URL = live_site.url
    page = new_context(viewport=PHONE).new_page()
    paths = _strategy_paths(page, 5)
    assert len(paths) == 5

    # Given five strategy pages, when I add each to my list
    for number, path in enumerate(paths, start=1):
        page.goto(path)
        title = re.escape(page.locator("h1").inner_text())
        page.get_by_role("button", name=re.compile(rf"^Add to my list\W*{title}$")).click()
        # Then the button toggles and the change is announced
        expect(page.locator("[data-my-list-status]").first).to_have_text(
            f"Added to your list. Your list has {number} item{'s' if number > 1 else ''}."
        )
        expect(page.get_by_role("button", name=re.compile(rf"^Remove from my list\W*{title}$"))).to_be_visible()

    # When I open my list from the menu, which counts the items
    expect(page.locator("[data-my-list-count]")).to_have_text(" (5)")
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():  # on a phone the menu is folded away
        menu.click()
    page.get_by_role("link", name="My list (5)").click()
    page.wait_for_url(re.compile(r"/my-list/\?items=.*&mine=1"))
    titles = page.locator(".oap-my-list__title").all_inner_texts()
    assert len(titles) == 5
    assert_accessible(page)

    # And remove the second strategy
    page.get_by_role("link", name=f"Remove {titles[1]}").click()
    expect(page.locator(".oap-my-list__title")).to_have_count(4)
    share_url = page.locator("#my-list-share").input_value()
    assert share_url.startswith("http") and "/my-list/?items=" in share_url and "mine" not in share_url

    # Then the list kept in the browser has four items (the menu says so on any page)
    page.goto("/")
    page.goto("/my-list/")
    expect(page.locator(".oap-my-list__title")).to_have_count(4)

    # When a colleague opens the share link in their own browser
    colleague = new_context(viewport=PHONE).new_page()
    colleague.goto(share_url)
    expect(colleague.locator(".oap-my-list__title")).to_have_count(4)
    # Then they are offered to keep it, and keeping it stores it in their browser
    colleague.get_by_role("button", name="Keep this list").click()
    colleague.wait_for_url(re.compile(r"mine=1"))
    colleague.goto("/my-list/")
    expect(colleague.locator(".oap-my-list__title")).to_have_count(4)

    # And the PDF of the list downloads as a PDF
    pdf_url = page.get_by_role("link", name="Download this list as a PDF").get_attribute("href")
    response = page.request.get(pdf_url, timeout=60_000)  # the worker's first PDF loads WeasyPrint's fonts
    assert response.headers["content-type"] == "application/pdf"

    # And nobody was given a cookie
    assert page.context.cookies() == [] and colleague.context.cookies() == []


def test_without_javascript_the_list_lives_in_its_address(new_context, live_site, settings):
    settings.SITE_URL = live_site.url
    page = new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800}).new_page()
    first, second = _strategy_paths(page, 2)

    # Given a strategy page, when I choose "Add to my list"
    page.goto(first)
    title = re.escape(page.locator("h1").inner_text())
    page.get_by_role("link", name=re.compile(rf"^Add to my list\W*{title}$")).click()
    expect(page.locator(".oap-my-list__title")).to_have_count(1)

    # And add another by its web address
    page.get_by_label("Add by web address").fill(live_site(second))
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".oap-my-list__title")).to_have_count(2)
    assert_accessible_without_javascript(new_context, page.url)

    # When I move the second one up, then the order changes
    second_title = page.locator(".oap-my-list__title").nth(1).inner_text()
    page.get_by_role("link", name=f"Move up {second_title}").click()
    expect(page.locator(".oap-my-list__title").first).to_have_text(second_title)

    # And removing it leaves one item
    page.get_by_role("link", name=f"Remove {second_title}").click()
    expect(page.locator(".oap-my-list__title")).to_have_count(1)
    assert page.context.cookies() == []


def test_feedback_and_suggestion_forms_work_without_javascript_and_set_no_cookie(new_context, live_site, settings):
    settings.SITE_URL = live_site.url  # forms that store something are only taken from this site's own pages
    page = new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800}).new_page()
    page.goto("/strategies/run-short-daily-precision-teaching-sessions/")
    page.get_by_role("link", name=re.compile(r"^No\W*tell us what was missing")).click()
    page.get_by_label("What was missing or wrong? (optional)").fill("An example for secondary would help.")
    page.get_by_label("This is out of date").check()
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator("h1")).to_have_text("Thank you")

    page.goto("/suggest-a-resource/")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible_without_javascript(new_context, page.url)
    assert page.context.cookies() == []
