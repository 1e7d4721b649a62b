"""Printed, a page is its content: black on white, with the addresses of its links."""

import pytest

HIDDEN_IN_PRINT = {
    "skip link": ".govuk-skip-link",
    "header": ".govuk-header",
    "navigation": ".govuk-service-navigation",
    "search": "form[role=search]",
    "filters": ".oap-filters",
    "breadcrumbs": ".govuk-breadcrumbs",
    "pagination": ".govuk-pagination",
    "footer links": ".govuk-footer__link",
}

# Text in the main content that is not near-black, or sits on a background that is not white.
NOT_BLACK_ON_WHITE_JS = """
() => {
  const channels = (colour) => (colour.match(/[\\d.]+/g) || []).map(Number);
  const dark = (colour) => channels(colour).slice(0, 3).every((value) => value <= 40);
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const [r, g, b, a = 1] = channels(getComputedStyle(node).backgroundColor);
      if (a > 0) return [r, g, b];
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll('main *')].filter((element) => {
    const hasText = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    if (!hasText || !element.getClientRects().length) return false;
    const white = background(element).every((value) => value >= 245);
    return !dark(getComputedStyle(element).color) || !white;
  }).map((element) => `${getComputedStyle(element).color} on ${background(element)}: ${element.outerHTML.slice(0, 120)}`);
}
"""


@pytest.mark.parametrize(
    "path",
    [
        "/strategies/run-short-daily-precision-teaching-sessions/",
        "/categories/reading/?phase=primary",
        "/interventions/paired-reading/",
        "/resources/northbrook-phonics-catch-up-guide/",
        "/search/?q=reading&type=strategy",
        "/",
    ],
)
def test_printed_page_is_its_content_in_black_on_white(page, path):
    page.goto(path)

    page.emulate_media(media="print")

    for name, selector in HIDDEN_IN_PRINT.items():
        shown = [element for element in page.locator(selector).all() if element.is_visible()]
        assert not shown, f"{name} is printed"
    assert page.locator("main h1").is_visible()
    not_black_on_white = page.evaluate(NOT_BLACK_ON_WHITE_JS)
    assert not not_black_on_white, "\n".join(not_black_on_white)


def test_printed_links_show_where_they_go(page, live_site):
    page.goto("/strategies/run-short-daily-precision-teaching-sessions/")

    page.emulate_media(media="print")

    links = page.locator("main a[href]").all()
    assert links
    for link in links:
        href = link.get_attribute("href")
        after = link.evaluate("(link) => getComputedStyle(link, '::after').content")
        assert href in after or live_site(href) in after, f"{href} is printed without its address"


def test_closed_details_are_printed_open(page):
    page.goto("/interventions/paired-reading/")
    notes = page.locator(".govuk-details__text")
    assert not notes.is_visible()

    page.emulate_media(media="print")

    assert notes.is_visible()
