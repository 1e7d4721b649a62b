"""At 320 CSS pixels wide (a phone, or 400% zoom on a laptop) nothing scrolls sideways or is cut off,
and text can be made twice as big."""

import pytest

from tests.browser.pages import PUBLIC_PAGES, SEARCH_PAGES, type_for_suggestions

PAGES = [(name, path) for name, path, _ in PUBLIC_PAGES] + SEARCH_PAGES[:2]

# Elements that stick out of the viewport, other than those inside something that scrolls on its own
# (WCAG 1.4.10 allows that for data tables) and GOV.UK's visually hidden text.
OVERFLOWING_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (element) => {
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(node).overflowX)) return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll('*')].filter((element) => {
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(element).visibility === 'hidden') return false;
    if (element.closest('.govuk-visually-hidden, .govuk-skip-link')) return false;
    return (box.left < -1 || box.right > width + 1) && !scrolls(element);
  }).map((element) => element.outerHTML.slice(0, 150));
}
"""


@pytest.fixture
def narrow_page(new_context):
    return new_context(viewport={"width": 320, "height": 640}).new_page()


def _assert_no_sideways_scrolling(page):
    scroll_width, client_width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width, f"{page.url} is {scroll_width}px wide in a {client_width}px window"
    overflowing = page.evaluate(OVERFLOWING_JS)
    assert not overflowing, f"{page.url}: cut off at the edge:\n" + "\n".join(overflowing)


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_nothing_scrolls_sideways_at_320_pixels(narrow_page, name, path):
    narrow_page.goto(path)
    _assert_no_sideways_scrolling(narrow_page)


def test_open_menu_and_suggestions_fit_at_320_pixels(narrow_page):
    narrow_page.goto("/")
    narrow_page.get_by_role("button", name="Menu").click()
    assert narrow_page.get_by_role("navigation", name="Menu").get_by_role("link", name="Resources").is_visible()
    narrow_page.locator("#home-search-q").click()
    type_for_suggestions(narrow_page, "visual")

    _assert_no_sideways_scrolling(narrow_page)


ZOOM_PAGES = [
    "/",
    "/categories/reading/",
    "/strategies/run-short-daily-precision-teaching-sessions/",
    "/interventions/paired-reading/",
    "/search/?q=reading",
    "/cookies/",
]


@pytest.mark.parametrize("path", ZOOM_PAGES)
def test_text_doubles_in_size_without_sideways_scrolling(page, path):
    """Text-only zoom to 200%, as a browser's default font size of 32px instead of 16px does. Sizes
    set in rem follow it, and the layout must too."""
    page.goto(path)
    sizes_js = "[...document.querySelectorAll('h1, main p')].map((e) => parseFloat(getComputedStyle(e).fontSize))"
    normal = page.evaluate(sizes_js)

    page.evaluate("document.documentElement.style.fontSize = '200%'")

    zoomed = page.evaluate(sizes_js)
    assert all(after >= 1.9 * before for before, after in zip(normal, zoomed, strict=True))
    _assert_no_sideways_scrolling(page)


@pytest.mark.parametrize("path", ZOOM_PAGES)
def test_page_zoomed_to_200_percent_does_not_scroll_sideways(new_context, path):
    """A 1280-pixel laptop screen zoomed to 200% is 640 CSS pixels wide."""
    page = new_context(viewport={"width": 640, "height": 400}).new_page()
    page.goto(path)
    _assert_no_sideways_scrolling(page)
