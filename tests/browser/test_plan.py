"""A SENCO's plan of support for a pupil, in the browser: assess, plan, do, review and the PDF, with JavaScript
(kept in local storage as they type, several plans by their own reference, removable from the device) and without
(every button posts the whole plan; download the file, upload it later, continue)."""

import io
import json

import pytest
from pypdf import PdfReader

from tests.browser.keyboard import focus_is_visible, tab_through, tab_to
from tests.browser.pages import assert_accessible, assert_accessible_without_javascript

TYPED = "Ünïcode 🙂 “quotes” \\ / <b>not bold</b> & done"


def start(page):
    page.goto("/plan/")
    page.get_by_role("button", name="Start an empty plan").click()
    page.get_by_role("heading", name="1. Assess").wait_for()


def fill_the_plan(page, reference):
    """Assess, Plan (an outcome, an intervention with its cost) and Do."""
    page.get_by_label("Your reference for this plan").fill(reference)
    page.get_by_label("Strengths").fill(TYPED)
    page.get_by_role("button", name="Add an outcome").click()
    page.get_by_label("Outcome 1", exact=True).fill("Reads a page aloud")
    page.get_by_label("Target for outcome 1").fill("One page, few errors")
    page.get_by_label("Add an intervention").select_option(label="Small-group phonics catch-up")
    page.get_by_role("button", name="Add intervention").click()
    page.locator("[data-plan-cost]").first.wait_for()
    assert "per pupil per year" in page.locator("[data-plan-cost]").first.inner_text()
    page.get_by_label("Start date").fill("2027-01-11")


def review(page, notes):
    page.get_by_role("group", name="Was outcome 1 met?").get_by_label("Partly met").check()
    page.get_by_role("group", name="Next step for outcome 1").get_by_label("Adjust").check()
    page.get_by_label("Review notes for outcome 1").fill(notes)


def stored_plans(page):
    return page.evaluate(
        "() => Object.keys(localStorage).filter((key) => key.startsWith('oap-plan:')).map((key) => localStorage[key])"
    )


def test_assess_plan_do_review_autosaved_reopened_and_printed_as_a_pdf(new_context):
    # Given a SENCO with JavaScript on, on a phone-sized screen
    page = new_context(viewport={"width": 375, "height": 800}).new_page()
    start(page)

    # When they fill in each step and record the review, without pressing Save after the last notes
    fill_the_plan(page, "Y5 reading – plan A")
    page.get_by_role("button", name="Save").first.click()
    page.get_by_role("heading", name="4. Review").wait_for()
    review(page, TYPED)
    assert "Saved in this browser." in page.locator("[data-plan-status]").inner_text()
    assert_accessible(page)

    # And the page is shown again as it was last posted (a reload resends the older plan)
    page.reload()
    page.get_by_text("This browser has a later copy of this plan than this page shows.").wait_for()
    page.get_by_role("button", name="Open the later copy").click()
    assert page.get_by_label("Review notes for outcome 1").input_value() == TYPED

    # And leave, reload the start page and come back through the list of plans on this device
    page.goto("/plan/")
    page.reload()
    page.get_by_role("button", name="Open Y5 reading – plan A").click()

    # Then everything typed is still there
    assert page.get_by_label("Review notes for outcome 1").input_value() == TYPED
    assert page.get_by_role("group", name="Was outcome 1 met?").get_by_label("Partly met").is_checked()
    assert page.get_by_label("Strengths").input_value() == TYPED

    # And the browser's copy is the server's canonical form, byte for byte
    [stored] = stored_plans(page)
    answer = page.request.post("/plan/", form={"document": stored, "go": "download"})
    assert answer.body() == stored.encode("utf-8")

    # And the PDF for the review meeting carries the plan and its costs
    pdf = page.request.post("/plan/", form={"document": stored, "go": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(pdf.body())).pages
    text = " ".join(" ".join(p.extract_text().replace("\x00", "") for p in pages).split())
    assert "Y5 reading – plan A" in text and "Total per pupil per year" in text and "Partly met" in text


def test_a_plan_started_and_left_untouched_is_not_kept(page):
    start(page)
    page.goto("/plan/")
    assert stored_plans(page) == []


def test_plans_are_listed_by_reference_and_removed_from_the_device(page):
    # Given two plans kept in this browser
    for reference in ("Plan one", "Plan two"):
        start(page)
        page.get_by_label("Your reference for this plan").fill(reference)
    page.goto("/plan/")
    assert page.get_by_role("button", name="Open Plan one").is_visible()

    # When one is removed, then all
    page.get_by_role("button", name="Remove from this device (Plan one)").click()
    assert "Removed “Plan one” from this device." in page.content()
    assert len(stored_plans(page)) == 1
    page.get_by_role("button", name="Remove all plans from this device").click()

    # Then none is left in this browser
    assert stored_plans(page) == []
    page.reload()
    assert not page.get_by_role("heading", name="Plans on this device").is_visible()


def test_without_javascript_download_the_plan_upload_it_later_and_continue(new_context, tmp_path):
    # Given a SENCO without JavaScript
    page = new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = page.new_page()
    start(page)

    # When they plan, save (the whole plan is posted back) and download the file
    fill_the_plan(page, "No script plan")
    page.get_by_role("button", name="Save").first.click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download plan").first.click()
    saved = tmp_path / "plan.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_bytes())["reference"] == "No script plan"

    # And a term later upload it, record the review and save
    page.goto("/plan/")
    page.get_by_label("Your plan file (.json)").set_input_files(saved)
    page.get_by_role("button", name="Continue from this file").click()
    assert page.get_by_label("Outcome 1", exact=True).input_value() == "Reads a page aloud"
    review(page, "Met most of it")
    page.get_by_role("button", name="Save").first.click()

    # Then the review is in the plan the page carries
    assert page.get_by_label("Review notes for outcome 1").input_value() == "Met most of it"
    assert page.get_by_role("group", name="Next step for outcome 1").get_by_label("Adjust").is_checked()


@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_of_the_plan_has_no_axe_violations(new_context, width):
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto("/plan/")
    assert_accessible(page)
    start(page)
    fill_the_plan(page, "Axe plan")
    page.get_by_label("Pupils in the group for Small-group phonics catch-up").fill("lots")
    page.get_by_role("button", name="Save").first.click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert_accessible(page)
    page.get_by_label("Pupils in the group for Small-group phonics catch-up").fill("4")
    page.get_by_role("button", name="Plan to print").click()
    page.get_by_role("heading", name="Axe plan").wait_for()
    assert_accessible(page)


def test_the_start_page_and_a_plan_are_accessible_without_javascript(new_context):
    assert_accessible_without_javascript(new_context, "/plan/")
    assert_accessible_without_javascript(new_context, "/plan/?items=")


def test_keyboard_alone_starts_a_plan_and_adds_an_outcome_with_focus_always_visible(page):
    # Given the plan page, used with the keyboard alone
    page.goto("/plan/")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="1. Assess").wait_for()
    for element in tab_through(page):
        assert focus_is_visible(page, element), element.evaluate("(element) => element.outerHTML.slice(0, 200)")

    # When they type a reference and add an outcome
    tab_to(page, "#doc-reference")
    page.keyboard.type("Keyboard plan")
    tab_to(page, 'button[value="add-outcome"]')
    page.keyboard.press("Enter")

    # Then the outcome is there to fill in, and the reference kept
    page.get_by_label("Outcome 1", exact=True).wait_for()
    assert page.get_by_label("Your reference for this plan").input_value() == "Keyboard plan"
    tab_to(page, "#doc-plan-outcomes-0-outcome")
    page.keyboard.type("Keyboard outcome")
    assert page.get_by_label("Outcome 1", exact=True).input_value() == "Keyboard outcome"


def test_the_plan_prints_for_the_review_meeting_without_its_buttons(page):
    # Given a plan with a costed intervention, shown as the plan to print
    start(page)
    fill_the_plan(page, "Printed plan")
    page.get_by_role("button", name="Plan to print").click()
    page.get_by_role("heading", name="Printed plan").wait_for()

    # When it is printed
    page.emulate_media(media="print")

    # Then the costs table and total print, and the page's buttons and the site's navigation do not
    assert page.get_by_role("table").is_visible()
    assert page.get_by_text("Total per pupil per year").is_visible()
    assert not page.get_by_role("button", name="Back to the plan").is_visible()
    assert not page.locator(".govuk-service-navigation").is_visible()
