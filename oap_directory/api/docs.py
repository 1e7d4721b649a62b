import re

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from categories.presentation import row
from oap_directory.api.items import absolute
from oap_directory.api.openreferral import PROFILE_URL, PROFILE_VERSION
from oap_directory.api.v1 import MAX_PAGE_SIZE


def _endpoint(path, lists, filters):
    """One row of the table of addresses: the path (a narrow column breaks it only at a slash), what it lists
    and which filters it takes."""
    codes = format_html_join(", ", "<code>{}</code>", ((name,) for name in filters)) if filters else "none"
    address = mark_safe(re.sub(r"(?<!^)/", "<wbr>/", escape(path)))
    return row(format_html("<code>{}</code>", address), format_html("{}. Filters: {}.", lists, codes))


def _endpoints(site):
    filters = ["category", "level", "phase", "tag", "updated_since"]
    return [
        _endpoint("/api/v1/categories/", f"The {site.category_label_plural} as a tree", ["updated_since"]),
        _endpoint("/api/v1/strategies/", site.strategy_label_plural.capitalize(), filters),
        _endpoint("/api/v1/interventions/", "Interventions, with costs and evidence", filters),
        _endpoint("/api/v1/resources/", "Resources", ["kind", "phase", "tag", "updated_since"]),
        _endpoint("/api/v1/tags/", "Tags used on published items", []),
        _endpoint("/api/v1/search/?q=", "The search page's results", ["type", "category", "level", "phase", "kind"]),
        _endpoint("/api/v1/removed/", "Items no longer published", ["since"]),
    ]


def open_data(request):
    """How to reuse the directory: the API, the Open Referral UK feed, the licence and the limits."""
    context = {
        "api_url": absolute(reverse("api:index")),
        "openapi_url": absolute(reverse("api:openapi-json")),
        "openreferral_url": absolute(reverse("openreferral:index")),
        "openreferral_openapi_url": absolute(reverse("openreferral:openapi-json")),
        "profile_version": PROFILE_VERSION,
        "profile_url": PROFILE_URL,
        "max_page_size": MAX_PAGE_SIZE,
        "requests_per_minute": settings.API_REQUESTS_PER_MINUTE,
        "endpoints": _endpoints(request.site),
    }
    return render(request, "oap_directory/open_data.html", context)
