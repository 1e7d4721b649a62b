"""The review pages: axe finds nothing, and the admin home reads at a laptop's and a phone's width."""

import pytest
from django.db import connection
from playwright.sync_api import expect

from tests.browser.pages import assert_accessible

ONE_LINE_HEADINGS_JS = """
() => [...document.querySelectorAll('#oap-workload th[scope="col"]')].filter((th) => {
  const range = document.createRange();
  range.selectNodeContents(th);
  const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
  return tops.size > 1;
}).map((th) => th.textContent)
"""


@pytest.fixture
def pending_change(live_site, django_db_blocker):
    """A waiting change to the rich-content strategy, discarded afterwards (the live page never changes)."""
    from accounts.models import User
    from categories.models import Strategy
    from oap_directory import revisions

    with django_db_blocker.unblock():
        strategy = Strategy.objects.get(pk=live_site.strategy_id)
        admin = User.objects.get(is_superuser=True)
        data = {"fields": {"teacher_statement": "A clearer statement for the review queue."}, "files": {},
                "m2m": {}, "tags": None, "inlines": {}}  # fmt: skip
        revision = revisions.save(strategy, data, admin)
    yield revision
    with django_db_blocker.unblock():
        revisions.discard(revision, admin)
        connection.close()


WIDEST_JS = """
() => [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map((e) => e.tagName + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className : '') + ': ' + (e.textContent || '').trim().slice(0, 40))
"""


@pytest.fixture
def unfinished_statement(live_site, django_db_blocker):
    """The accessibility statement without its preparation date, so the admin home shows its notice; restored after."""
    from oap_directory.models import SiteSettings

    with django_db_blocker.unblock():
        site = SiteSettings.load()
        prepared_on, site.accessibility_prepared_on = site.accessibility_prepared_on, None
        site.save()
    yield
    with django_db_blocker.unblock():
        site = SiteSettings.load()
        site.accessibility_prepared_on = prepared_on
        site.save()
        connection.close()


def test_admin_home_headings_stay_on_one_line_and_nothing_scrolls_sideways(
    new_context, live_site, unfinished_statement
):
    for width in (1280, 375):
        context = new_context(viewport={"width": width, "height": 800})
        context.add_cookies([{"name": "sessionid", "value": live_site.admin_session, "url": live_site.url}])
        page = context.new_page()
        page.goto("/admin/")
        scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"the admin home is {scroll}px wide in a {client}px window: {page.evaluate(WIDEST_JS)}"
        if width == 1280:
            assert page.evaluate(ONE_LINE_HEADINGS_JS) == []
            notice = page.locator("#oap-accessibility-statement")
            assert "Date the statement was prepared" in notice.inner_text()
            assert_accessible(page)
        else:  # on a phone the editorial-work table scrolls inside its own box, never the page
            box = page.locator("#oap-workload").bounding_box()
            assert box["x"] + box["width"] <= client + 1, page.evaluate(WIDEST_JS)


def test_review_queue_with_a_pending_change_has_no_axe_violations(admin_page, pending_change):
    admin_page.goto("/admin/review/")
    assert admin_page.get_by_role("heading", name="Changes to live items (1)").count() == 1
    assert_accessible(admin_page)


def test_archive_confirmation_has_no_axe_violations(admin_page, live_site):
    admin_page.goto(f"/admin/categories/strategy/{live_site.strategy_id}/transition/archive/")
    assert admin_page.get_by_role("button", name="Yes, archive").count() == 1
    assert_accessible(admin_page)


def test_bulk_confirmation_has_no_axe_violations(admin_page):
    admin_page.goto("/admin/categories/strategy/")
    admin_page.locator("input.action-select").first.check()
    admin_page.select_option("select[name=action]", "bulk_archive")
    admin_page.locator("button[name=index]").first.click()
    expect(admin_page.get_by_text("can be changed")).to_have_count(1)
    assert_accessible(admin_page)


def test_strategy_list_filtered_by_a_sub_area_has_no_axe_violations(admin_page):
    """Given the strategy change list, when an editor picks a sub-area in the nested area filter, then only that
    sub-area stays chosen and the page has no axe violations."""
    admin_page.goto("/admin/categories/strategy/")
    area_filter = admin_page.locator('details[data-filter-title="area"]')
    sub_area = area_filter.locator("ul ul ul a").first
    name = sub_area.inner_text()
    sub_area.click()
    expect(area_filter.locator('a[aria-current="true"]')).to_have_text([name])  # waits for the filtered list
    assert_accessible(admin_page)
