"""Open data: a read-only JSON API of the published directory (/api/v1/) and an Open Referral UK feed of the
interventions that are local services (/openreferral/). Only what the public pages show, never drafts, history,
pending changes, staff names, feedback or logs (docs/decisions/007).

    v1.py            the JSON API (django-ninja), its OpenAPI document at /api/v1/openapi.json
    openreferral.py  the Open Referral UK feed, following the ORUK profile's service schema
    items.py         what each item looks like as data: absolute URLs, published links only
    changes.py       the removed-items feed: items that left the public site
    middleware.py    CORS, the per-client rate limit (counted in the database) and the licence header
    docs.py          the human-readable "Open data" page
"""

PREFIXES = ("/api/", "/openreferral/")
# Anonymous answers from these views are public pages: ETag, 304s, Cache-Control public, the page cache.
PUBLIC_VIEW_NAMES = {
    "open_data",
    "api:index",
    "api:openapi-json",
    "api:category_list",
    "api:category_detail",
    "api:strategy_list",
    "api:strategy_detail",
    "api:intervention_list",
    "api:intervention_detail",
    "api:resource_list",
    "api:resource_detail",
    "api:tag_list",
    "api:tag_detail",
    "api:removed_list",
    "openreferral:index",
    "openreferral:openapi-json",
    "openreferral:service_list",
    "openreferral:service_detail",
}
