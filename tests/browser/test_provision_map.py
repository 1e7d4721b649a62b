"""A school's provision map, in the browser: with JavaScript (kept in this browser between visits) and without
(every change posts the whole map; the file is downloaded and uploaded to carry on)."""

import json

from tests.browser.keyboard import focus_is_visible, tab_through, tab_to
from tests.browser.pages import assert_accessible
from tests.browser.test_reflow_and_zoom import _assert_no_sideways_scrolling

PHONICS = "Small-group phonics catch-up"


def start(page, school="Oakfield Primary"):
    page.goto("/provision-map/")
    page.get_by_label("School name (optional)").fill(school)
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("heading", name=school, exact=True).wait_for()


def add_from_library(page, name=PHONICS):
    page.locator("#add_intervention").select_option(label=name)
    page.get_by_role("button", name="Add this intervention").click()
    page.get_by_role("heading", name=f"1. {name}").wait_for()


def test_build_a_map_on_a_phone_leave_and_come_back_to_it(new_context):
    # Given a SENCO with JavaScript on, on a phone-sized screen
    page = new_context(viewport={"width": 375, "height": 800}).new_page()
    start(page)
    assert_accessible(page)

    # When they add a library intervention and run two groups of it
    add_from_library(page)
    page.locator("#line-1-groups").fill("2")
    page.locator("#line-1-pupils").fill("8")
    page.get_by_role("button", name="Update the map").first.click()
    page.locator("#line-1-groups[value='2']").wait_for()

    # Then the costs table and totals show the line at its worked-out cost
    assert "£168.36" in page.content()  # the starter's cost per pupil per year
    assert "£1,346.88" in page.content()  # eight pupils
    assert_accessible(page)
    _assert_no_sideways_scrolling(page)

    # And when they leave and come back, the map is offered from this browser
    page.goto("/")
    page.goto("/provision-map/")
    page.get_by_role("button", name="Continue your provision map").click()
    assert page.locator("#line-1-pupils").input_value() == "8"
    desktop = new_context(viewport={"width": 1280, "height": 800}).new_page()
    start(desktop, "Desktop School")
    add_from_library(desktop)
    assert_accessible(desktop)

    # And the PDF for the review meeting is made on request
    pdf = lambda response: response.request.method == "POST" and response.url.endswith("/provision-map/")  # noqa: E731
    with desktop.expect_response(pdf, timeout=60_000) as answer:  # the worker's first PDF loads WeasyPrint's fonts
        desktop.get_by_role("button", name="Download as PDF").click()
    assert answer.value.headers["content-type"] == "application/pdf"


def stored_map(page):
    return page.evaluate("() => localStorage.getItem('oap-provision-map')")


def test_figures_typed_and_not_yet_submitted_are_kept_through_a_reload_and_offered_to_continue(page):
    # Given a school's map with a line from the library
    start(page, "Reload Primary")
    add_from_library(page)

    # When they type the number of pupils, do not update the map, and the page is reloaded (which sends the map
    # again as it was before the figure was typed)
    page.locator("#line-1-pupils").fill("8")
    page.get_by_text("Saved in this browser.").wait_for()
    page.reload()

    # Then the older page does not overwrite the copy kept in this browser, and offers it
    page.get_by_text("This browser has a later copy of this provision map than this page shows.").wait_for()
    assert json.loads(stored_map(page))["lines"][0]["pupils"] == 8
    assert_accessible(page)

    # And opening it shows the figure and the totals worked out from it
    page.get_by_role("button", name="Open the later copy").click()
    page.locator("#line-1-pupils[value='8']").wait_for()
    assert "£1,346.88" in page.content()  # eight pupils at the starter's £168.36 each
    assert_accessible(page)

    # And figures typed after that (weeks rounded to a tenth as the server rounds them) are offered on the start page
    page.locator("#line-1-weeks").fill("30.25")
    page.locator("#line-1-resource_cost_per_pupil").fill("£2.5")
    page.locator("[id^='cap-']").first.fill("12.5")
    page.locator("#line-1-role").select_option(label="Teacher")
    page.goto("/")
    page.goto("/provision-map/")
    page.get_by_role("button", name="Continue your provision map").click()
    assert page.locator("#line-1-pupils").input_value() == "8"
    assert page.locator("#line-1-weeks").input_value() == "30.2"
    assert page.locator("#line-1-resource_cost_per_pupil").input_value() == "2.50"

    assert page.locator("#line-1-role option:checked").inner_text() == "Teacher"

    # And the browser's copy is the server's canonical form, byte for byte, with the role at its rate and the cap
    stored = stored_map(page)
    assert json.loads(stored)["lines"][0]["role"]["hourly_rate"] == "34.00"
    assert list(json.loads(stored)["role_caps"].values()) == ["12.5"]
    answer = page.request.post("/provision-map/", form={"document": stored, "go": "download"})
    assert answer.body() == stored.encode("utf-8")


def test_without_javascript_download_the_map_and_continue_from_the_file(new_context):
    # Given a school with JavaScript off
    page = new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800}).new_page()
    start(page, "No Script School")

    # When they add their own provision and download the file
    page.get_by_label("Name of your provision").fill("Lego therapy club")
    page.locator("#add_own_role").select_option(label="Teaching assistant")
    page.get_by_role("button", name="Add your own provision").click()
    page.get_by_role("heading", name="1. Lego therapy club").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your provision map file").first.click()
    path = download.value.path()
    assert json.loads(open(path, "rb").read())["lines"][0]["name"] == "Lego therapy club"

    # Then uploading it later carries on with the same map
    page.goto("/provision-map/")
    page.locator("#id_file").set_input_files(path)
    page.get_by_role("button", name="Continue from this file").click()
    page.get_by_role("heading", name="1. Lego therapy club").wait_for()
    assert page.get_by_role("heading", name="No Script School").is_visible()


def test_keyboard_alone_builds_a_map_with_focus_always_visible(page):
    # Given the provision map, used with the keyboard alone
    page.goto("/provision-map/")
    tab_to(page, "#id_school")
    page.keyboard.type("Keyboard Primary")
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Keyboard Primary", exact=True).wait_for()

    # When they choose an intervention by typing its name into the list, and add it
    tab_to(page, "#add_intervention")
    page.keyboard.type("Small-group phonics")
    assert page.locator("#add_intervention option:checked").inner_text() == PHONICS
    tab_to(page, 'button[value="add-library"]')
    page.keyboard.press("Enter")
    page.locator("#line-1-groups").wait_for()

    # Then every control on the map can be reached and shows where focus is
    for element in tab_through(page):
        assert focus_is_visible(page, element), element.evaluate("(element) => element.outerHTML.slice(0, 200)")
