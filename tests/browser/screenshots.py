"""`make screenshots`: PNGs of the main pages, 375 and 1280 pixels wide, in screenshots/ (gitignored).

It runs under pytest to get what the browser tests get, with nothing to set up: a throwaway test
database holding the starter content, a live server and Debian's Chromium. Its name does not start
with `test_`, so the test suite never runs it.
"""

from django.conf import settings

from tests.browser.pages import type_for_suggestions

FOLDER = settings.BASE_DIR / "screenshots"
WIDTHS = (375, 1280)
PAGES = [
    ("home", "/"),
    ("category", "/categories/reading/"),
    ("category-filtered", "/categories/reading/?level=targeted&phase=primary"),
    ("strategy", "/strategies/run-short-daily-precision-teaching-sessions/"),
    ("strategy-list", "/strategies/"),
    ("intervention", "/interventions/paired-reading/"),
    ("intervention-list", "/interventions/"),
    ("resource", "/resources/northbrook-phonics-catch-up-guide/"),
    ("resource-list", "/resources/"),
    ("tag", "/tags/visual-supports/"),
    ("search", "/search/?q=reading"),
    ("search-corrected", "/search/?q=dyslexa"),
    ("search-no-results", "/search/?q=xylophonequartz"),
    ("accessibility", "/accessibility/"),
    ("privacy", "/privacy/"),
    ("cookies", "/cookies/"),
    ("contact", "/contact/"),
    ("not-found", "/strategies/no-such-strategy/"),
    ("areas-of-need", "/categories/"),
    ("largest-category", "/categories/areas-of-need/"),
    ("strategy-list-filtered", "/strategies/?phase=primary&category=reading"),
    ("about", "/about/"),
    ("glossary", "/glossary/"),
    ("search-with-definitions", "/search/?q=senco"),
    ("search-filtered", "/search/?q=reading&phase=primary"),
]


def test_save_screenshots(new_context):
    FOLDER.mkdir(exist_ok=True)
    for width in WIDTHS:
        page = new_context(viewport={"width": width, "height": 900}).new_page()
        for number, (name, path) in enumerate(PAGES, start=1):
            page.goto(path)
            page.screenshot(path=FOLDER / f"{number:02}-{name}-{width}.png", full_page=True)
        page.goto("/")
        page.locator("#home-search-q").click()
        type_for_suggestions(page, "visual")
        page.screenshot(path=FOLDER / f"{len(PAGES) + 1:02}-home-suggestions-{width}.png")
        if width < 641:  # on a phone the filters open from a button
            page.goto("/strategies/?phase=primary")
            page.get_by_role("button", name="Filter (1 selected)").click()
            page.screenshot(path=FOLDER / f"{len(PAGES) + 3:02}-strategy-list-filters-open-{width}.png")
            page.goto("/search/?q=reading&phase=primary")
            page.get_by_role("button", name="Filter (1 selected)").click()
            page.screenshot(path=FOLDER / f"{len(PAGES) + 4:02}-search-filters-open-{width}.png", full_page=True)
        page.emulate_media(media="print")
        page.goto(PAGES[3][1])
        page.screenshot(path=FOLDER / f"{len(PAGES) + 2:02}-strategy-printed-{width}.png", full_page=True)
    print(f"Saved {len(list(FOLDER.glob('*.png')))} screenshots in {FOLDER}/")  # noqa: T201 - the command's output
