import copy

from django.http import Http404
from django.shortcuts import render

from accounts.staff import is_staff_session
from categories import extras
from categories.content import Gone, Status, get_visible_or_404
from categories.forms import LevelPhaseFilterForm, StrategyFilterForm, filter_options, paginate
from categories.listing import strategy_rows_in, summarise
from categories.models import Strategy
from categories.presentation import breadcrumbs, category_trail, last_reviewed, level_link, linked_list, row
from categories.tree import CategoryTree
from oap_directory.pdf import pdf_response

STRATEGIES_PER_GROUP = 20


def _label(request, kind="category"):
    """What this council calls categories or strategies (plural), from site settings."""
    return request.site.category_label_plural if kind == "category" else request.site.strategy_label_plural


def _preview_headers(response, obj):
    if getattr(obj, "is_preview", False):
        response["Cache-Control"] = "private, no-store"
    return response


def _page_or_pdf(request, template, context, obj, as_pdf):
    """The page, or (at its /pdf/ address) the same page as a PDF, made on request and never stored."""
    if as_pdf:
        response = pdf_response(request, template, context, f"{obj.slug}.pdf", cacheable=True)
    else:
        response = render(request, template, context)
    return _preview_headers(response, obj)


def _strategy_groups(category, tree, strategies):
    """Strategies grouped by sub-category (or one group for a leaf), at most 20 shown per group."""
    groups = [(child, set(tree.descendant_ids(child))) for child in tree.public_children(category)]
    if not groups:
        groups = [(category, set(tree.descendant_ids(category)))]
    result = []
    for group_category, ids in groups:
        members = [strategy for strategy in strategies if strategy.category_ids & ids]
        if members:
            result.append(
                {"category": group_category, "strategies": members[:STRATEGIES_PER_GROUP], "total": len(members)}
            )
    return result


def category_list(request):
    """The areas of need page: every framework, its areas and their sub-areas."""
    tree = CategoryTree.for_request(request)
    frameworks = [
        {"category": top, "areas": [(area, tree.public_children(area)) for area in tree.public_children(top)]}
        for top in tree.public_children(None)
    ]
    context = {"frameworks": frameworks, "breadcrumbs": breadcrumbs(("Areas of need", None)), "nav_active": "areas"}
    return render(request, "categories/category_list.html", context)


def category_detail(request, slug, as_pdf=False):
    tree = CategoryTree.for_request(request)
    if slug not in tree.by_slug:
        raise Http404
    category = copy.copy(tree.by_slug[slug])  # the tree is shared between requests
    category.is_preview = not tree.is_public(category)
    if category.is_preview and not is_staff_session(request):
        if category.status == Status.ARCHIVED:
            public_ancestors = [a for a in tree.ancestors(category) if tree.is_public(a)]
            raise Gone(category, public_ancestors[-1] if public_ancestors else None)
        raise Http404
    category_ids = tree.public_descendant_ids(category) or [category.pk]
    filters = LevelPhaseFilterForm(request.GET, options=filter_options(request))
    strategies = summarise(strategy_rows_in(category_ids, filters))
    groups = _strategy_groups(category, tree, strategies)
    totals = {group["category"].pk: group["total"] for group in groups}
    context = {
        "category": category,
        "ancestors": tree.ancestors(category),
        # Each sub-area with how many of its strategies this page lists (for "jump to" links).
        "children": [(child, totals.get(child.pk, 0)) for child in tree.public_children(category)],
        "groups": groups,
        "strategy_count": len(strategies),
        "filters": filters,
        "chips": filters.chips(request.path),
        "nav_active": "areas",
        "breadcrumbs": breadcrumbs(*category_trail(tree.ancestors(category)), (category.name, None)),
        # Suggested interventions and resources, from the apps that own them.
        **extras.context(
            "category_detail",
            request,
            category,
            category_ids=category_ids,
            strategy_ids=[strategy.pk for strategy in strategies],
            filters=filters,
        ),
    }
    return _page_or_pdf(request, "categories/category_detail.html", context, category, as_pdf)


def strategy_list(request):
    tree = CategoryTree.for_request(request)
    filters = StrategyFilterForm(
        request.GET, tree, options=filter_options(request), category_label=request.site.category_label_singular
    )
    listed = Strategy.objects.published().in_categories(tree.public_ids())
    strategies = filters.filter(listed)
    filters.count_categories(listed)
    page = paginate(request, strategies.by_level().summary_rows())
    page.object_list = summarise(page.object_list)
    context = {
        "page": page,
        "filters": filters,
        "chips": filters.chips(request.path),
        "nav_active": "strategies",
        "breadcrumbs": breadcrumbs((f"All {_label(request, 'strategy')}", None)),
    }
    return render(request, "categories/strategy_list.html", context)


def strategy_detail(request, slug, as_pdf=False):
    strategy = get_visible_or_404(Strategy.objects.select_related("level", "last_reviewed_by"), slug, request)
    tree = CategoryTree.for_request(request)
    categories = [c for c in strategy.categories.all() if tree.is_public(c)]
    phases = list(strategy.phases.all())
    trail = category_trail(tree.ancestors(categories[0]), categories[0]) if categories else []
    context = {
        "strategy": strategy,
        "summary_rows": [
            row("Level of support", level_link(strategy.level)),
            row("Phases", ", ".join(p.name for p in phases) or "All phases"),
            row(_label(request).capitalize(), linked_list(categories, text=lambda c: c.name)),
            row("Last reviewed", last_reviewed(strategy)),
        ],
        "breadcrumbs": breadcrumbs(*trail, (strategy.title, None)),
        "tags": list(strategy.tags.all()),
        "nav_active": "strategies",
        # Linked resources and interventions, from the app that owns them.
        **extras.context("strategy_detail", request, strategy),
    }
    return _page_or_pdf(request, "categories/strategy_detail.html", context, strategy, as_pdf)
