"""The needs finder, as a teacher uses it: with JavaScript, without it, and with the keyboard alone."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.keyboard import tab_to
from tests.browser.pages import assert_accessible, assert_accessible_without_javascript

SEAT = "Finds it hard to stay in their seat"
CALLS_OUT = "Calls out without waiting for a turn"


def _choose_semh(page):
    page.goto("/finder/")
    page.get_by_label("Social, emotional and mental health").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Tick what you notice")


def _then_the_suggestions_are_sensible(page):
    expect(page.locator("h1")).to_have_text("Suggestions for what you noticed")
    expect(page.get_by_role("heading", name="Check these first")).to_be_visible()
    first = page.locator(".oap-finder__results > li").first
    expect(first).to_contain_text("Universal")
    expect(first).to_contain_text("Suggested because:")
    share = page.get_by_label(re.compile("Copy it to share these suggestions"))
    assert "/finder/?" in share.input_value() and "seen=" in share.input_value()
    return share.input_value()


def test_a_teacher_ticks_what_they_notice_and_sees_suggestions_update(page, new_context):
    # Given the finder, with JavaScript
    _choose_semh(page)

    # When I tick what I notice
    page.get_by_label("Primary").check()
    page.get_by_label(SEAT).check()
    page.get_by_label(CALLS_OUT).check()

    # Then the suggestions beside the boxes update, and a short summary is announced politely
    expect(page.locator("[data-finder-status]")).to_contain_text("suggested for the 2 things you ticked")
    expect(page.locator("[data-finder-live]")).to_contain_text("Suggested because:")
    assert_accessible(page)

    # When I ask for the suggestions
    page.get_by_role("button", name="Show suggestions").click()

    # Then I get universal strategies first, with reasons, the check prompts and a link to share
    share = _then_the_suggestions_are_sensible(page)
    assert_accessible(page)

    # And on a phone the same page is accessible
    phone = new_context(viewport={"width": 375, "height": 800}).new_page()
    phone.goto(share.removeprefix(settings.SITE_URL))  # the share link is absolute, from SITE_URL
    _then_the_suggestions_are_sensible(phone)
    assert_accessible(phone)


@pytest.fixture
def no_js_page(new_context):
    return new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800}).new_page()


def test_the_finder_works_without_javascript(no_js_page, new_context):
    page = no_js_page
    # Given the finder without JavaScript
    _choose_semh(page)

    # When I choose a phase, update the list and tick what I notice
    page.get_by_label("Primary").check()
    page.get_by_role("button", name="Update the list").click()
    page.get_by_label(SEAT).check()
    page.get_by_label(CALLS_OUT).check()
    page.get_by_role("button", name="Show suggestions").click()

    # Then the suggestions come on the next page, and the address holds the selection
    _then_the_suggestions_are_sensible(page)
    assert "phase=primary" in page.url and page.url.count("seen=") == 2
    assert_accessible_without_javascript(new_context, page.url)

    # When I change what I noticed, my ticks are still there
    page.get_by_role("link", name="Change what you noticed").click()
    expect(page.get_by_label(SEAT)).to_be_checked()


def test_the_finder_can_be_used_with_the_keyboard_alone(page):
    page.goto("/finder/")
    tab_to(page, "#finder-area-semh")
    page.keyboard.press("Space")
    tab_to(page, "button[value=notice]")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Tick what you notice")

    tab_to(page, "#seen-finds-it-hard-to-stay-in-their-seat")
    page.keyboard.press("Space")
    tab_to(page, "button[value=results]")
    page.keyboard.press("Enter")

    _then_the_suggestions_are_sensible(page)
