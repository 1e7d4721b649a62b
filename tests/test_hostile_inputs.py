"""Every public URL pattern against one shared list of hostile values: never a 500, on either database."""

from urllib.parse import quote

import pytest
from django.urls import get_resolver

from oap_directory.models import GlossaryTerm
from tests.factories import make_category, make_intervention, make_resource, make_strategy

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "\x00",
    "a\x00b",
    "x" * 5000,
    '" * : & | ! ( ) ^ NEAR AND OR NOT',
    "phonics*",
    '"unbalanced',
    "-",
    "'; DROP TABLE categories_strategy; --",
    "%",
    "_",
    "\\",
    "🙂📚",
    "قراءة",
    "\u202eevil",
    "\ud800",
    "0",
    "-1",
    "99999",
    "abc",
    "",
    " ",
    "²",  # a digit to str.isdigit(), not to int()
    "http://[",  # not an address to urlsplit()
]
PARAMETERS = ["q", "type", "category", "level", "phase", "kind", "tag", "page"]

LIST_URLS = [
    "/",
    "/categories/",
    "/categories/reading/",
    "/strategies/",
    "/interventions/",
    "/resources/",
    "/tags/",
    "/tags/phonics/",
    "/search/",
    "/search/suggest/",
    "/about/",
    "/glossary/",
    "/finder/",
    "/accessibility/",
    "/privacy/",
    "/cookies/",
    "/contact/",
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
    "/open-data/",
    "/self-evaluation/",
    "/self-evaluation/share/",
    "/plan/",
    "/provision-map/",
]
DETAIL_PREFIXES = ["/categories/", "/strategies/", "/interventions/", "/resources/", "/tags/"]
# Open data: JSON answers, where a malformed value is a 4xx that says what is wrong (422 for a malformed number
# or time), never a 5xx.
FILTERS = ["category", "level", "phase", "tag", "updated_since", "page", "page_size"]
API_URLS = {  # each with the query parameters it reads
    "/api/v1/": [],
    "/api/v1/categories/": ["updated_since", "page", "page_size"],
    "/api/v1/strategies/": FILTERS,
    "/api/v1/interventions/": FILTERS,
    "/api/v1/resources/": ["kind", "phase", "tag", "updated_since", "page", "page_size"],
    "/api/v1/tags/": ["page", "page_size"],
    "/api/v1/search/": PARAMETERS,
    "/api/v1/removed/": ["since", "page", "page_size"],
    "/api/v1/openapi.json": [],
    "/openreferral/": [],
    "/openreferral/services": ["page", "per_page", "modified_after"],
    "/openreferral/openapi.json": [],
}
API_DETAIL_PREFIXES = [
    "/api/v1/categories/",
    "/api/v1/strategies/",
    "/api/v1/interventions/",
    "/api/v1/resources/",
    "/api/v1/tags/",
    "/openreferral/services/",
]
# Pages with parameters of their own, tested in their own test below.
OWN_PARAMETER_URLS = ["/my-list/", "/my-list/pdf/", "/feedback/", "/suggest-a-resource/"]


@pytest.fixture
def content(indexed):
    reading = make_category(slug="reading", parent=make_category())
    strategy = make_strategy(categories=[reading], tags=["phonics"])
    make_resource(strategies=[strategy], tags=["phonics"])
    make_intervention(categories=[reading], strategies=[strategy])
    GlossaryTerm.objects.create(term="SEN Support", slug="sen-support", definition="Extra help.", also_known_as="SEN")


def test_every_public_url_pattern_is_covered():
    """A new public URL must be added here, so it gets the same treatment."""
    covered = {
        url.strip("/").split("/")[0] for url in LIST_URLS + DETAIL_PREFIXES + list(API_URLS) + OWN_PARAMETER_URLS
    }
    for pattern in get_resolver().url_patterns:
        route = str(pattern.pattern).strip("^/$")
        first = route.split("/")[0]
        if first in {"", "admin", "ckeditor5", "media"} or first.startswith("(?P"):
            continue
        assert first in covered, f"{route} is not in tests/test_hostile_inputs.py"


def _safe(value):
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


@pytest.mark.parametrize("url", LIST_URLS)
def test_hostile_query_parameters_never_cause_a_server_error(client, content, url):
    for value in HOSTILE_VALUES:
        for parameter in PARAMETERS:
            response = client.get(f"{url}?{parameter}={_safe(value)}")
            assert response.status_code in (200, 404), (url, parameter, value[:20], response.status_code)
        query = "&".join(f"{p}={_safe(value)}" for p in PARAMETERS)
        response = client.get(f"{url}?{query}&phase=primary&phase={_safe(value)}")
        assert response.status_code in (200, 404), (url, value[:20])


@pytest.mark.parametrize("prefix", DETAIL_PREFIXES)
def test_hostile_slugs_never_cause_a_server_error(client, content, prefix):
    for value in HOSTILE_VALUES:
        response = client.get(f"{prefix}{_safe(value)}/")
        assert response.status_code in (200, 301, 404), (prefix, value[:20], response.status_code)


@pytest.mark.parametrize("url", API_URLS)
def test_hostile_query_parameters_never_cause_a_server_error_in_open_data(client, content, url, settings):
    settings.API_REQUESTS_PER_MINUTE = 0
    for value in HOSTILE_VALUES:
        for parameter in API_URLS[url]:
            response = client.get(f"{url}?{parameter}={_safe(value)}")
            assert response.status_code in (200, 404, 422), (url, parameter, value[:20], response.status_code)
        query = "&".join(f"{p}={_safe(value)}" for p in [*PARAMETERS, *FILTERS, "since", "per_page", "modified_after"])
        response = client.get(f"{url}?{query}&phase=primary&phase={_safe(value)}")
        assert response.status_code in (200, 404, 422), (url, value[:20])


@pytest.mark.parametrize("prefix", API_DETAIL_PREFIXES)
def test_hostile_keys_never_cause_a_server_error_in_open_data(client, content, prefix, settings):
    settings.API_REQUESTS_PER_MINUTE = 0
    slash = "" if prefix.startswith("/openreferral/") else "/"
    for value in HOSTILE_VALUES:
        response = client.get(f"{prefix}{_safe(value)}{slash}")
        assert response.status_code in (200, 404), (prefix, value[:20], response.status_code)


def test_bad_page_numbers_give_a_real_page(client, content):
    for value in ["0", "-1", "99999", "abc", "1e9", "9" * 50]:
        response = client.get(f"/strategies/?page={value}")
        assert response.status_code == 200
        assert "Strategy number" in response.content.decode()


SELF_EVALUATION_FIELDS = [
    "document",
    "go",
    "framework",
    "school_name",
    "phase",
    "sharing_code",
    "how",
    "urn",
    "receipt",
]
SELF_EVALUATION_STEPS = [
    ("/self-evaluation/", "start", False),
    ("/self-evaluation/", "upload", False),
    ("/self-evaluation/", "last-year", False),
    ("/self-evaluation/", "", False),
    ("/self-evaluation/", "section:1", True),
    ("/self-evaluation/share/", "share", True),
    ("/self-evaluation/share/", "withdraw", False),
]


def test_hostile_self_evaluation_posts_never_cause_a_server_error(client, settings):
    """Every step of the self-evaluation and of sharing, posted with a hostile value in every field (beside a valid
    document where the step needs one), and the pages that show typing back."""
    from selfreview.document import canonical, new
    from tests.selfreview.factories import make_framework, statements

    settings.SITE_URL = "http://testserver"
    framework = make_framework()
    key = statements(framework)[0].uuid
    document = canonical(new(framework, "Oakfield"))
    for value in HOSTILE_VALUES:
        safe = value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        fields = dict.fromkeys(SELF_EVALUATION_FIELDS, safe)
        fields |= {f"rating-{key}": safe, f"rationale-{key}": safe, "action-0-description": safe}
        for url, step, with_document in SELF_EVALUATION_STEPS:
            data = fields | {"step": step} | ({"document": document} if with_document else {})
            response = client.post(url, data, HTTP_ORIGIN="http://testserver")
            assert response.status_code in (200, 400, 429), (url, step, value[:20])
        for go in ("actions", f"add-action:{key}", f"section:{safe}"):  # pages that show typing back, and a jump
            data = fields | {"document": document, "step": "section:1", "go": go}
            assert client.post("/self-evaluation/", data).status_code == 200, (go, value[:20])


def test_hostile_provision_map_posts_never_cause_a_server_error(client, content):
    """Every field and button of the provision map with a hostile value, with and without a valid map."""
    from datetime import date
    from decimal import Decimal

    from oap_directory.device_documents import canonical
    from planning import provision_map as maps
    from tests.factories import make_staff_role

    role = make_staff_role(slug="teaching-assistant")
    document = maps.new("Council")
    document["lines"].append(maps.own_line("Group", "", "", role, Decimal("38"), date(2026, 9, 1)))
    line_fields = [f"line-1-{name}" for name in (*maps.NUMBERS, "name", "area", "level", "role")]
    names = ["school", "add_intervention", "add_role", "add_name", "add_area", "add_level", "add_own_role"]
    names += ["cap-teaching-assistant", *line_fields]
    for value in HOSTILE_VALUES:
        safe = value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        fields = dict.fromkeys(names, safe)
        for step in ("start", "upload", "", safe):
            response = client.post("/provision-map/", fields | {"step": step, "go": safe, "document": safe})
            assert response.status_code in (200, 400), (step, value[:20])
        for go in (
            "map",
            "add-own",
            "add-library",
            "remove:1",
            "remove:99",
            f"remove:{safe}",
            "rates",
            "csv",
            "download",
            safe,
        ):
            response = client.post("/provision-map/", fields | {"go": go, "document": canonical(document)})
            assert response.status_code == 200, (go, value[:20])
    pdf_fields = {"line-1-name": "\u202eevil قراءة 🙂📚 <b>", "go": "pdf", "document": canonical(document)}
    assert client.post("/provision-map/", pdf_fields)["Content-Type"] == "application/pdf"


def test_hostile_lists_addresses_and_feedback_never_cause_a_server_error(client, content, settings):
    """My list reads `items`, `address`, `q` and `mine`; feedback reads `page`; suggestions take posted text."""
    origin = {"HTTP_ORIGIN": settings.SITE_URL}
    for value in HOSTILE_VALUES:
        hostile = _safe(value)
        for query in [f"items={hostile}", f"items={hostile}&address={hostile}&q={hostile}&mine={hostile}"]:
            response = client.get(f"/my-list/?{query}")
            assert response.status_code in (200, 302), (query[:40], response.status_code)
        assert client.get(f"/feedback/?page={hostile}").status_code == 404
        if value != "\ud800":  # a lone surrogate cannot be posted as UTF-8
            data = {"title": value, "url": value, "why": value, "phases": value}
            assert client.post("/suggest-a-resource/", data, **origin).status_code in (200, 400, 429)
            hostile_origin = {"HTTP_ORIGIN": value, "HTTP_REFERER": value}
            assert client.post("/suggest-a-resource/", data, **hostile_origin).status_code in (200, 400, 403, 429)
    response = client.get(f"/my-list/pdf/?items={_safe('x' * 5000 + chr(0))}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


PLAN_FIELDS = [
    "doc.reference",
    "doc.assess.strengths",
    "doc.plan.outcomes.0.outcome",
    "doc.plan.outcomes.0.review_date",
    "doc.plan.outcomes.0.result",
    "doc.plan.outcomes.9.target",
    "doc.plan.strategies.0.role",
    "doc.plan.interventions.0.role",
    "doc.plan.interventions.0.group_size",
    "doc.plan.interventions.0.minutes_per_session",
    "doc.plan.interventions.0.sessions_per_week",
    "doc.plan.interventions.0.weeks",
    "doc.plan.interventions.0.resource_cost_per_pupil",
    "doc.do.start_date",
    "doc.schema_version",
    "doc.costing.total_per_pupil_per_year",
    "find",
    "add_intervention",
    "step",
]


def test_hostile_plans_never_cause_a_server_error(client):
    """The plan builder: every field and every button posted with a hostile value, and a start from hostile lists."""
    from planning import costs
    from planning.document import canonical, new, new_outcome

    intervention = make_intervention()
    document = new("Council")
    document["plan"]["outcomes"].append(new_outcome())
    document["plan"]["interventions"].append(costs.new_line(intervention))
    document = canonical(document)
    for value in HOSTILE_VALUES:
        safe = value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        fields = dict.fromkeys(PLAN_FIELDS, safe) | {"document": document, f"doc.plan.outcomes.{safe}.outcome": "x"}
        for go in ["save", "find", safe, f"add-strategy:{safe}", f"remove:{safe}", f"remove:outcome:{safe}"]:
            for extra in ({}, {"go": "add-intervention"}):
                response = client.post("/plan/", fields | {"go": go} | extra)
                assert response.status_code in (200, 400), (go[:20], value[:20], response.status_code)
        assert client.post("/plan/", fields | {"document": safe}).status_code == 400
        hostile = _safe(value)
        response = client.get(f"/plan/?items={hostile}&seen={hostile}&seen={hostile}")
        assert response.status_code == 200, (value[:20], response.status_code)
