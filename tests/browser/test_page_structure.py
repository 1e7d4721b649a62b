"""Every page has a title of its own, one h1, landmarks, British English and, when nested, breadcrumbs."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.browser.pages import PUBLIC_PAGES, SEARCH_PAGES, SERVICE_NAME

TITLE_SUFFIX = f" – {SERVICE_NAME}"


@pytest.mark.parametrize(("name", "path", "nested"), PUBLIC_PAGES, ids=[name for name, _, _ in PUBLIC_PAGES])
def test_page_has_title_heading_landmarks_and_language(page, name, path, nested):
    page.goto(path)

    assert page.locator("html").get_attribute("lang") == "en-GB"
    if path == "/":
        assert page.title() == SERVICE_NAME
    else:
        assert page.title().endswith(TITLE_SUFFIX) and len(page.title()) > len(TITLE_SUFFIX)
    assert page.locator("h1").count() == 1
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    assert page.get_by_role("navigation", name="Menu").count() == 1

    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    if nested:
        assert breadcrumbs.count() == 1
        assert breadcrumbs.get_by_role("link").first.inner_text() == "Home"
        assert breadcrumbs.locator("[aria-current=page]").count() == 1
    else:
        assert breadcrumbs.count() == 0


def _which_page(path):
    """Filtered views of a page are that page; another search or another page of results is not."""
    url = urlsplit(path)
    return url.path + "?" + urlencode([(key, value) for key, value in parse_qsl(url.query) if key in ("q", "page")])


def test_every_page_has_a_title_of_its_own(page, live_site):
    titles = {}
    for path in [path for _, path, _ in PUBLIC_PAGES] + [path for _, path in SEARCH_PAGES]:
        response = page.request.get(live_site(path))
        title = unescape(re.search(r"<title>(.*?)</title>", response.text(), re.S).group(1).strip())
        titles.setdefault(title, set()).add(_which_page(path))

    shared = {title: paths for title, paths in titles.items() if len(paths) > 1}
    assert not shared, f"pages sharing a title: {shared}"


@pytest.mark.parametrize(("name", "path", "nested"), PUBLIC_PAGES, ids=[name for name, _, _ in PUBLIC_PAGES])
def test_first_tab_reaches_the_skip_link(page, name, path, nested):
    page.goto(path)

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.outerHTML")
    assert "Skip to main content" in focused and 'href="#main-content"' in focused
