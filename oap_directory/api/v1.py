"""The read-only JSON API of the published directory, at /api/v1/ (django-ninja: docs/decisions/007).

Lists take the same filters as the public pages (parsed by the pages' own filter forms: raw values never reach
the ORM; unknown values are dropped and listed in `ignored_filters`), plus `updated_since`, `page` and
`page_size` (at most 100). Details take a slug or a uuid; an archived item answers 410, anything else
unpublished 404.
"""

import re
import uuid
from datetime import UTC, datetime

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from ninja import NinjaAPI, Query
from ninja import Status as Answer
from ninja.decorators import decorate_view
from taggit.models import Tag

from categories.content import Status
from categories.forms import StrategyFilterForm, filter_options, published_tags
from categories.tree import CategoryTree
from oap_directory import content_types
from oap_directory import search as search_engine
from oap_directory.api import changes, items, schemas
from resources.forms import InterventionFilterForm, ResourceFilterForm

MAX_PAGE_SIZE = 100
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")

api = NinjaAPI(
    title="OAP Directory open data",
    version="1",
    description="The published directory of ordinarily available provision, read-only. "
    "See the site's Open data page for the licence, limits and how to keep a copy in sync.",
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)

PAGE = Query(1, ge=1, description="1-based page number.")
PAGE_SIZE = Query(20, ge=1, le=MAX_PAGE_SIZE, description="Items per page, at most 100.")
UPDATED_SINCE = Query(None, description="Only items saved at or after this time (ISO 8601; UTC if no zone).")
SINCE = Query(None, description="Only items removed at or after this time (ISO 8601; UTC if no zone).")
SLUGS = Query(None, description="Slugs; repeat for several (OR within a filter, AND across filters).")


def _licence(request):
    return {"name": request.site.content_licence, "url": request.site.content_licence_url}


def _aware(moment):
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def _since(queryset, updated_since):
    return queryset.filter(updated_at__gte=_aware(updated_since)) if updated_since else queryset


def _link(request, page):
    params = request.GET.copy()
    params["page"] = str(page)
    return items.absolute(f"{request.path}?{urlencode(sorted(params.lists()), doseq=True)}")


def _page(request, rows, page, page_size, to_data, ignored=()):
    """One page of `rows` (a queryset or list) as the list envelope; a page past the end is empty."""
    count = rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
    pages = max(1, -(-count // page_size))
    start = (page - 1) * page_size
    chosen = items.attach_tag_names(list(rows[start : start + page_size]) if page <= pages else [])
    return {
        "count": count,
        "page": page,
        "pages": pages,
        "page_size": page_size,
        "next": _link(request, page + 1) if page < pages else None,
        "previous": _link(request, min(page - 1, pages)) if page > 1 else None,
        "ignored_filters": list(ignored),
        "licence": _licence(request),
        "results": [to_data(item) for item in chosen],
    }


def _one(queryset, key):
    """The item whose uuid or slug is `key`: 404 unless published, 410 once archived."""
    try:
        lookup = {"uuid": uuid.UUID(key)}
    except ValueError:
        if not SLUG.match(key):
            raise Http404 from None
        lookup = {"slug": key}
    item = queryset.model._default_manager.filter(**lookup).only("pk", "status").first()
    if item is None or item.status in (Status.DRAFT, Status.IN_REVIEW):
        raise Http404
    if item.status == Status.ARCHIVED:
        return None
    return items.attach_tag_names([queryset.get(pk=item.pk)])[0]


def _gone():
    return Answer(410, {"detail": "This item has been archived: it is no longer published."})


@api.get("/", response=schemas.Index, url_name="index", summary="What this API offers")
def index(request):
    endpoints = ["category_list", "strategy_list", "intervention_list", "resource_list", "tag_list", "search"]
    return {
        "name": request.site.service_name,
        "licence": _licence(request),
        "openapi": items.absolute(reverse("api:openapi-json")),
        "documentation": items.absolute(reverse("open_data")),
        "endpoints": {
            **{name.removesuffix("_list"): items.absolute(reverse(f"api:{name}")) for name in endpoints},
            "removed": items.absolute(reverse("api:removed_list")),
            "openreferral": items.absolute(reverse("openreferral:index")),
        },
    }


@api.get("/categories/", response=schemas.CategoryPage, url_name="category_list", summary="Categories (the tree)")
def category_list(
    request, updated_since: datetime | None = UPDATED_SINCE, page: int = PAGE, page_size: int = PAGE_SIZE
):
    """Every public category, parents before their children, each with its parent and children."""
    tree = CategoryTree.for_request(request)
    ordered, stack = [], list(reversed(tree.public_children(None)))
    while stack:
        category = stack.pop()
        ordered.append(category)
        stack.extend(reversed(tree.public_children(category)))
    since = _aware(updated_since)
    rows = [category for category in ordered if since is None or category.updated_at >= since]
    return _page(request, rows, page, page_size, lambda category: items.category_data(category, tree))


@api.get(
    "/categories/{key}/",
    response={200: schemas.Category, 410: schemas.Message},
    url_name="category_detail",
    summary="One category, by slug or uuid",
)
def category_detail(request, key: str):
    tree = CategoryTree.for_request(request)
    category = next((c for c in tree.by_id.values() if key in (c.slug, str(c.uuid))), None)
    if category is None or category.status in (Status.DRAFT, Status.IN_REVIEW):
        raise Http404
    if not tree.is_public(category):
        if category.status == Status.ARCHIVED:
            return _gone()
        raise Http404
    return items.category_data(category, tree)


@api.get("/strategies/", response=schemas.StrategyPage, url_name="strategy_list", summary="Strategies")
def strategy_list(
    request,
    category: list[str] = SLUGS,
    level: list[str] = SLUGS,
    phase: list[str] = SLUGS,
    tag: list[str] = SLUGS,
    updated_since: datetime | None = UPDATED_SINCE,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """Published strategies, ordered by level of support then title. `category` includes its sub-categories."""
    tree = CategoryTree.for_request(request)
    filters = StrategyFilterForm(request.GET, tree, options=filter_options(request))
    rows = filters.filter(items.strategy_queryset().in_categories(tree.public_ids()))
    rows = _since(rows, updated_since).by_level()
    return _page(request, rows, page, page_size, lambda s: items.strategy_data(s, tree, request.site), filters.ignored)


@api.get(
    "/strategies/{key}/",
    response={200: schemas.Strategy, 410: schemas.Message},
    url_name="strategy_detail",
    summary="One strategy, by slug or uuid",
)
def strategy_detail(request, key: str):
    strategy = _one(items.strategy_queryset(), key)
    if strategy is None:
        return _gone()
    return items.strategy_data(strategy, CategoryTree.for_request(request), request.site)


@api.get("/interventions/", response=schemas.InterventionPage, url_name="intervention_list", summary="Interventions")
def intervention_list(
    request,
    category: list[str] = SLUGS,
    level: list[str] = SLUGS,
    phase: list[str] = SLUGS,
    tag: list[str] = SLUGS,
    updated_since: datetime | None = UPDATED_SINCE,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """Published interventions, ordered by level of support then name."""
    tree = CategoryTree.for_request(request)
    filters = InterventionFilterForm(request.GET, tree, options=filter_options(request))
    rows = _since(filters.filter(items.intervention_queryset()), updated_since).order_by("level__order", "name", "pk")
    return _page(request, rows, page, page_size, lambda i: items.intervention_data(i, tree), filters.ignored)


@api.get(
    "/interventions/{key}/",
    response={200: schemas.Intervention, 410: schemas.Message},
    url_name="intervention_detail",
    summary="One intervention, by slug or uuid",
)
def intervention_detail(request, key: str):
    intervention = _one(items.intervention_queryset(), key)
    if intervention is None:
        return _gone()
    return items.intervention_data(intervention, CategoryTree.for_request(request))


@api.get("/resources/", response=schemas.ResourcePage, url_name="resource_list", summary="Resources")
def resource_list(
    request,
    kind: list[str] = SLUGS,
    phase: list[str] = SLUGS,
    tag: list[str] = SLUGS,
    updated_since: datetime | None = UPDATED_SINCE,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """Published resources, by title."""
    filters = ResourceFilterForm(request.GET, options=filter_options(request))
    rows = _since(filters.filter(items.resource_queryset()), updated_since).order_by("title", "pk")
    return _page(request, rows, page, page_size, items.resource_data, filters.ignored)


@api.get(
    "/resources/{key}/",
    response={200: schemas.Resource, 410: schemas.Message},
    url_name="resource_detail",
    summary="One resource, by slug or uuid",
)
def resource_detail(request, key: str):
    resource = _one(items.resource_queryset(), key)
    if resource is None:
        return _gone()
    return items.resource_data(resource)


def _public_tags():
    """Tags on at least one published item."""
    used = Q()
    for entry in content_types.all():
        if entry.is_tagged:
            used |= Q(pk__in=published_tags(entry.model).values("pk"))
    return Tag.objects.filter(used).order_by("name", "pk") if used else Tag.objects.none()


@api.get("/tags/", response=schemas.TagPage, url_name="tag_list", summary="Tags on published items")
def tag_list(request, page: int = PAGE, page_size: int = PAGE_SIZE):
    return _page(request, _public_tags(), page, page_size, items.tag_data)


@api.get("/tags/{slug}/", response=schemas.Tag, url_name="tag_detail", summary="One tag")
def tag_detail(request, slug: str):
    tag = _public_tags().filter(slug=slug).first() if SLUG.match(slug) else None
    if tag is None:
        raise Http404
    return items.tag_data(tag)


@api.get("/search/", response=schemas.SearchPage, url_name="search", summary="Search, ranked as the search page")
@decorate_view(cache_control(private=True, no_cache=True))
def search(
    request,
    q: str = Query("", description="What to search for, as typed in the search box."),
    type: list[str] = SLUGS,  # noqa: A002 - the search page's parameter name
    category: list[str] = SLUGS,
    level: list[str] = SLUGS,
    phase: list[str] = SLUGS,
    kind: list[str] = SLUGS,
    page: int = PAGE,
):
    """The same results, in the same order, as the search page (20 a page). Never cached: every search is
    counted in the search log, as on the site."""
    found = search_engine.search(request)
    number = found.page.number
    envelope = _page(request, [], 1, search_engine.RESULTS_PER_PAGE, None)
    envelope.update(
        count=found.count,
        page=number,
        pages=found.page.paginator.num_pages,
        next=_link(request, number + 1) if found.page.has_next() else None,
        previous=_link(request, number - 1) if found.page.has_previous() else None,
        query=found.query,
        corrected_from=found.corrected_from,
        suggestion=found.suggestion,
        results=[
            {
                "type": result.type,
                "title": result.title,
                "url": items.absolute(result.url),
                "snippet": str(result.snippet),
                "categories": result.categories or "",
                "level": result.level or "",
                "phases": list(result.phases),
            }
            for result in found.results
        ],
    )
    return envelope


@api.get("/removed/", response=schemas.RemovedPage, url_name="removed_list", summary="Items no longer published")
def removed_list(
    request,
    since: datetime | None = SINCE,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """Items that were published and have been archived, unpublished or deleted, oldest first. With
    `updated_since` on the lists, this keeps a copy in sync without reading everything again."""
    rows = changes.removed_since(_aware(since))
    return _page(
        request,
        rows,
        page,
        page_size,
        lambda removed: {"uuid": removed.uuid, "type": removed.type, "removed_at": removed.removed_at},
    )
