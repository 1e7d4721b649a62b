"""What apps above this one add to its pages.

`categories` never imports the apps that depend on it (DESIGN.md). Where one of its pages lists something
from a higher app — a category page's suggested interventions and resources, a strategy's linked ones — the
higher app registers a provider here from its `ready()`, and the page merges what the providers return into its
template context.
"""

_providers = {}


def register(page, provider):
    """`provider(request, item, **details) -> dict` adds to the context of `page` ("category_detail", …)."""
    _providers.setdefault(page, []).append(provider)


def context(page, request, item, **details):
    extra = {}
    for provider in _providers.get(page, []):
        extra |= provider(request, item, **details)
    return extra
