"""axe-core finds no WCAG 2.2 AA failure on any page type, public or admin."""

import pytest
from django.template.loader import render_to_string

from tests.browser.pages import PUBLIC_PAGES, SEARCH_PAGES, assert_accessible, type_for_suggestions

PAGES = [(name, path) for name, path, _ in PUBLIC_PAGES] + SEARCH_PAGES


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_page_has_no_axe_violations_and_no_script_errors(page, name, path):
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    page.goto(path)
    assert_accessible(page)
    assert script_errors == []


def test_search_suggestions_menu_has_no_axe_violations(page):
    page.goto("/")
    page.locator("#home-search-q").click()
    type_for_suggestions(page, "visual")
    assert_accessible(page)


def test_admin_sign_in_page_has_no_axe_violations(page):
    page.goto("/admin/login/")
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    ["/admin/password-reset/", "/admin/password-reset/sent/", "/admin/password-reset/MQ/no-longer-valid/"],
    ids=["password reset", "password reset sent", "password reset link used"],
)
def test_password_reset_pages_have_no_axe_violations(page, path):
    page.goto(path)
    assert_accessible(page)


def test_the_invitation_form_has_no_axe_violations(admin_page):
    admin_page.goto("/admin/accounts/user/add/")
    assert_accessible(admin_page)


def test_admin_strategy_change_form_has_no_axe_violations(admin_page, live_site):
    admin_page.goto(f"/admin/categories/strategy/{live_site.strategy_id}/change/")
    admin_page.locator(".ck-editor").first.wait_for()
    admin_page.locator(".select2-container").first.wait_for()
    assert_accessible(admin_page)


def test_server_error_page_has_no_axe_violations(page):
    """500.html is rendered with no context at all, so it is checked as Django's server_error view renders it."""
    page.set_content(render_to_string("500.html"))
    assert_accessible(page)
