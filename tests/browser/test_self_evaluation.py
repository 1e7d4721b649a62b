"""A school leader's self-evaluation, in the browser: with JavaScript (kept in local storage, downloads written
in the same canonical form as the server's) and without (every step posts the whole document)."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.keyboard import focus_is_visible, tab_through, tab_to
from tests.browser.pages import assert_accessible, assert_accessible_without_javascript

TYPED = "Ünïcode 🙂 “quotes” \\ / <b>not bold</b> & done"


def start(page, school="Oakfield Primary"):
    page.goto("/self-evaluation/")
    page.get_by_label("School name").fill(school)
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("heading", name=f"{school}: self-evaluation").wait_for()


def rate_section(page, level):
    """Choose `level` for every statement on the section page."""
    radios = page.locator(f"input[type=radio][value={level}]")
    for index in range(radios.count()):
        radios.nth(index).check()
    return radios.count()


def save_and_go_on(page, button, exact=False):
    """Press a step's button and wait for the next page, so nothing is counted or checked on the page being left."""
    leaving = page.locator("h1").inner_text()
    page.get_by_role("button", name=button, exact=exact).click()
    expect(page.locator("h1")).not_to_have_text(leaving)


def test_rate_all_48_statements_leave_and_come_back_with_every_rating_restored(new_context):
    # Given a school leader with JavaScript on, on a phone-sized screen
    page = new_context(viewport={"width": 375, "height": 800}).new_page()
    start(page)
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the overview scrolls sideways"

    # When they rate every statement, section by section
    save_and_go_on(page, "1. Leadership and inclusive culture")
    assert_accessible(page)
    rated = 0
    for section in range(1, 9):
        rated += rate_section(page, "developing" if section % 2 else "embedded")
        if section == 1:
            page.locator("textarea[name^=rationale-]").first.fill(TYPED)
        button = "Save and go to the next section" if section < 8 else "Save and return to the overview"
        save_and_go_on(page, button)
    assert rated == 48
    assert page.locator(".oap-selfreview-sections").get_by_text("Not rated yet").count() == 0

    # And change one rating, then leave without saving the step
    page.get_by_role("button", name="3. Quality first teaching").click()
    page.locator("input[type=radio][value=not-yet]").first.check()
    page.goto("/")

    # Then the self-evaluation page offers to continue, with every rating and note restored
    page.goto("/self-evaluation/")
    page.get_by_role("button", name="Continue your self-evaluation").click()
    page.get_by_role("button", name="3. Quality first teaching").click()
    assert page.locator("input[type=radio][value=not-yet]").first.is_checked()
    assert page.locator("input[type=radio][value=developing]:checked").count() == 5
    page.get_by_role("button", name="Save and return to the overview").click()
    page.get_by_role("button", name="1. Leadership and inclusive culture").click()
    assert page.locator("textarea[name^=rationale-]").first.input_value() == TYPED
    assert page.locator("input[type=radio][value=developing]:checked").count() == 6


def test_a_rating_chosen_and_not_yet_saved_survives_a_reload_of_the_older_page(page):
    # Given a school leader on the first section
    start(page, "Reload Primary")
    page.get_by_role("button", name="1. Leadership and inclusive culture").click()

    # When they choose a rating, do not save the step, and the page is reloaded (which posts the document again
    # as it was before the rating was chosen)
    page.locator("input[type=radio][value=embedded]").first.check()
    page.wait_for_function("() => localStorage.getItem('oap-self-evaluation').includes('embedded')")
    page.reload()

    # Then the older page does not overwrite the copy kept in this browser, and offers it
    page.get_by_text("This browser has a later copy of this self-evaluation than this page shows.").wait_for()
    assert "embedded" in page.evaluate("() => localStorage.getItem('oap-self-evaluation')")
    assert_accessible(page)
    page.get_by_role("button", name="Open the later copy").click()
    page.get_by_role("button", name="1. Leadership and inclusive culture").click()
    assert page.locator("input[type=radio][value=embedded]").first.is_checked()


def test_the_browsers_download_is_the_servers_canonical_form_byte_for_byte(page):
    # Given a self-evaluation with typed notes in several scripts
    start(page, "Ysgol Gymraeg Ñandú")
    page.get_by_role("button", name="2. The learning environment").click()
    page.locator("input[type=radio][value=emerging]").first.check()
    page.locator("textarea[name^=evidence-]").first.fill(TYPED)
    page.get_by_role("button", name="Save and return to the overview").click()

    # When the browser writes the file
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your self-evaluation file").click()
    written = open(download.value.path(), "rb").read()
    assert written.endswith(b"}\n")
    assert json.loads(written)["school"]["name"] == "Ysgol Gymraeg Ñandú"

    # Then the server, given that file, writes exactly the same bytes
    answer = page.request.post("/self-evaluation/", form={"document": written.decode("utf-8"), "go": "download"})
    assert answer.body() == written


@pytest.fixture
def no_js_page(new_context):
    return new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800}, accept_downloads=True)


def test_without_javascript_section_by_section_download_and_continue_from_the_file(no_js_page, tmp_path):
    # Given a school leader without JavaScript
    page = no_js_page.new_page()
    start(page, "Northfield Academy")

    # When they rate two sections, in any order, each step posting the whole document
    save_and_go_on(page, "5. Transitions and changes")
    rate_section(page, "embedded")
    save_and_go_on(page, "Save and return to the overview")
    save_and_go_on(page, "1. Leadership and inclusive culture")
    rate_section(page, "not-yet")
    save_and_go_on(page, "Save and go to the next section")
    save_and_go_on(page, "Save and return to the overview")
    sections = page.locator(".oap-selfreview-sections").inner_text()
    assert "Embedded" in sections and "Not yet" in sections

    # And plan an action for a low rating
    page.get_by_role("button", name="Open the action plan").click()
    page.get_by_role("button", name="Add action for statement 1.1").click()
    assert "Try:" in page.locator("textarea[name=action-0-description]").input_value()
    page.get_by_label("Who leads it (a role, not a name)").fill("SENCO")
    page.get_by_role("button", name="Save and return to the overview").click()

    # And download their file
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your self-evaluation file").click()
    saved = tmp_path / "ours.json"
    download.value.save_as(saved)

    # Then next time they continue from it
    page.goto("/self-evaluation/")
    page.locator("#id_file").set_input_files(saved)
    page.get_by_role("button", name="Continue from this file").click()
    expect(page.locator("h1")).to_have_text("Northfield Academy: self-evaluation")
    assert "1 action planned" in page.content()


@pytest.mark.parametrize("width", [375, 1280])
def test_every_step_has_no_axe_violations(new_context, width):
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    start(page)
    page.get_by_role("button", name="1. Leadership and inclusive culture").click()
    page.locator("input[type=radio][value=emerging]").first.check()
    assert_accessible(page)
    page.get_by_role("button", name="Save and return to the overview").click()
    page.get_by_role("button", name="Open the action plan").click()
    page.get_by_role("button", name="Add action for statement 1.1").click()
    page.locator("textarea[name=action-0-description]").wait_for()  # the same page again, with the action
    assert_accessible(page)
    page.get_by_role("button", name="Save and return to the overview").click()
    save_and_go_on(page, "Governors' summary", exact=True)
    assert_accessible(page)
    page.get_by_role("button", name="Back to the overview").click()
    page.get_by_role("button", name="Share your ratings with the council").click()
    page.get_by_role("heading", name="Share your ratings with the council").wait_for()
    assert_accessible(page)


def test_the_councils_results_page_has_no_axe_violations(admin_page):
    admin_page.goto("/admin/selfreview/framework/")
    admin_page.get_by_role("link", name="See shared ratings").first.click()
    expect(admin_page.locator("#content")).to_contain_text("Figures appear once at least five schools")
    assert_accessible(admin_page)


def test_keyboard_alone_starts_rates_and_saves_with_focus_always_visible(page):
    # Given the self-evaluation page, used with the keyboard alone
    page.goto("/self-evaluation/")
    tab_to(page, "#id_school_name")
    page.keyboard.type("Keyboard Primary")
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Keyboard Primary: self-evaluation").wait_for()
    for element in tab_through(page):
        assert focus_is_visible(page, element), element.evaluate("(element) => element.outerHTML.slice(0, 200)")

    # When they open the first section and choose a level with the arrow keys
    tab_to(page, 'button[value="section:1"]')
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Leadership and inclusive culture").wait_for()
    tab_to(page, "input[type=radio][value=not-yet]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[type=radio][value=developing]").first.is_checked()
    for element in tab_through(page):
        assert focus_is_visible(page, element), element.evaluate("(element) => element.outerHTML.slice(0, 200)")
    tab_to(page, 'button[value="overview"]')
    page.keyboard.press("Enter")

    # Then the overview shows the section rated
    page.get_by_role("heading", name="Keyboard Primary: self-evaluation").wait_for()
    assert "Developing" in page.locator(".oap-selfreview-sections tbody tr").first.inner_text()


def test_the_start_page_is_accessible_without_javascript(new_context):
    assert_accessible_without_javascript(new_context, "/self-evaluation/")
