"""One address for every public page type, in the starter content, and the checks the browser tests share."""

from urllib.parse import quote

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

SERVICE_NAME = "Northbrook Ordinarily Available Provision"
ADMIN_EMAIL = "browser-admin@example.org"  # a superuser, made by the live_site fixture
ADMIN_PASSWORD = "browser tests only 7f3c"

# (name, address, is nested: has breadcrumbs). Search variants are listed separately.
PUBLIC_PAGES = [
    ("home", "/", False),
    ("category list", "/categories/", True),
    ("category", "/categories/reading/", True),
    ("category with filters", "/categories/reading/?level=targeted&phase=primary", True),
    ("strategy list", "/strategies/", True),
    ("strategy", "/strategies/run-short-daily-precision-teaching-sessions/", True),
    ("intervention list", "/interventions/", True),
    ("intervention", "/interventions/paired-reading/", True),
    ("resource list", "/resources/", True),
    ("resource", "/resources/northbrook-phonics-catch-up-guide/", True),
    ("tag list", "/tags/", True),
    ("tag", "/tags/visual-supports/", True),
    ("search", "/search/", False),
    ("finder", "/finder/", True),
    ("finder: tick what you notice", "/finder/?area=semh&phase=primary", True),
    ("accessibility statement", "/accessibility/", False),
    ("privacy notice", "/privacy/", False),
    ("cookies", "/cookies/", False),
    ("contact", "/contact/", False),
    ("open data", "/open-data/", False),
    ("about this guidance", "/about/", True),
    ("glossary", "/glossary/", True),
    ("largest category", "/categories/areas-of-need/", True),
    ("self-evaluation", "/self-evaluation/", False),
    ("self-evaluation sharing", "/self-evaluation/share/", False),
    ("provision map", "/provision-map/", False),
    ("my list", "/my-list/", False),
    ("plan support for a pupil", "/plan/", False),
    ("a new plan", "/plan/?items=", False),
    ("page feedback", "/feedback/?page=/strategies/run-short-daily-precision-teaching-sessions/", False),
    ("suggest a resource", "/suggest-a-resource/", False),
    ("page not found", "/strategies/no-such-strategy/", False),
]

SEARCH_PAGES = [
    ("search results", "/search/?q=phonics"),
    ("search with no results", "/search/?q=xylophonequartz"),
    ("search corrected typo", "/search/?q=dyslexa"),
    ("search offering a look-alike within a filter", "/search/?q=seasons&phase=primary"),
    ("search with filters", "/search/?q=reading&type=strategy&phase=primary"),
    ("search second page", "/search/?q=reading&page=2"),
    ("search for what a teacher notices", "/search/?q=can%27t+sit+still"),
]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
_axe = Axe()


def axe_report(violations):
    lines = [f"{len(violations)} accessibility violation(s):"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {' '.join(map(str, node['target']))}: {summary:.200}")
    return "\n".join(lines)


def assert_accessible(page):
    """Then axe-core finds nothing against WCAG 2.2 AA (A and AA rules of WCAG 2.0, 2.1 and 2.2)."""
    violations = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"{page.url}\n{axe_report(violations)}"


def assert_accessible_without_javascript(new_context, url):
    """axe itself needs JavaScript, so it looks at the page as a browser without JavaScript shows it:
    no script loads, and the body lacks the classes GOV.UK's inline script adds."""
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.route("**/*.js", lambda route: route.abort())
    page.goto(url)
    page.evaluate("document.body.classList.remove('js-enabled', 'govuk-frontend-supported')")
    assert_accessible(page)


def type_for_suggestions(page, text):
    """Type into the focused search box; wait until its menu shows the suggestions for all of `text`."""
    with page.expect_response(lambda response: response.url.endswith("/search/suggest/?q=" + quote(text))) as answer:
        page.keyboard.type(text)
    first = answer.value.json()["suggestions"][0]["title"]
    expect(page.locator(".autocomplete__menu--visible .autocomplete__option").first).to_contain_text(first)
