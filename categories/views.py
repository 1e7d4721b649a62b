from django.apps import apps
from django.http import Http404
from django.shortcuts import render

from categories.content import Status, get_visible_or_404
from categories.forms import LevelPhaseFilterForm, StrategyFilterForm, paginate
from categories.models import Strategy
from categories.presentation import breadcrumbs, category_trail, last_reviewed, linked_list, row
from categories.tree import CategoryTree

STRATEGIES_PER_GROUP = 20
RESOURCES_ON_CATEGORY_PAGE = 12


def _linked(model_name):
    """Resources and interventions live in the `resources` app, which depends on this one.

    Looked up by name so that `categories` never imports `resources` (see DESIGN.md).
    """
    return apps.get_model("resources", model_name)


def _label(request, kind="category"):
    """What this council calls categories or strategies (plural), from site settings."""
    return request.site.category_label_plural if kind == "category" else request.site.strategy_label_plural


def _preview_headers(response, obj):
    if getattr(obj, "is_preview", False):
        response["Cache-Control"] = "private, no-store"
    return response


def _strategy_groups(category, tree, strategies):
    """Strategies grouped by sub-category (or one group for a leaf), at most 20 shown per group."""
    groups = [(child, set(tree.descendant_ids(child))) for child in tree.public_children(category)]
    if not groups:
        groups = [(category, set(tree.descendant_ids(category)))]
    result = []
    for group_category, ids in groups:
        members = [s for s in strategies if any(c.pk in ids for c in s.categories.all())]
        if members:
            result.append(
                {"category": group_category, "strategies": members[:STRATEGIES_PER_GROUP], "total": len(members)}
            )
    return result


def category_list(request):
    tree = CategoryTree.load()
    frameworks = [(top, tree.public_children(top)) for top in tree.public_children(None)]
    context = {"frameworks": frameworks, "breadcrumbs": breadcrumbs((f"All {_label(request)}", None))}
    return render(request, "categories/category_list.html", context)


def category_detail(request, slug):
    tree = CategoryTree.load()
    category = tree.by_slug.get(slug)
    if category is None:
        raise Http404
    category.is_preview = not tree.is_public(category)
    if category.is_preview and not request.user.is_staff:
        raise Http404
    category_ids = tree.public_descendant_ids(category) or [category.pk]
    filters = LevelPhaseFilterForm(request.GET)
    strategies = list(
        filters.filter(Strategy.objects.published().in_categories(category_ids))
        .for_listing()
        .order_by("level__order", "title")
    )
    interventions = filters.filter(
        _linked("Intervention").objects.published().filter(categories__in=category_ids).distinct()
    ).select_related("level")
    resources = (
        _linked("Resource")
        .objects.published()
        .filter(strategy_links__strategy__in=[s.pk for s in strategies])
        .distinct()
        .order_by("title")
    )
    context = {
        "category": category,
        "ancestors": tree.ancestors(category),
        "children": tree.public_children(category),
        "groups": _strategy_groups(category, tree, strategies),
        "strategy_count": len(strategies),
        "interventions": list(interventions),
        "resources": list(resources[:RESOURCES_ON_CATEGORY_PAGE]),
        "filters": filters,
        "breadcrumbs": breadcrumbs(*category_trail(tree.ancestors(category)), (category.name, None)),
    }
    return _preview_headers(render(request, "categories/category_detail.html", context), category)


def strategy_list(request):
    tree = CategoryTree.load()
    filters = StrategyFilterForm(request.GET, tree)
    public_ids = tree.public_ids()
    strategies = filters.filter(Strategy.objects.published().in_categories(public_ids))
    page = paginate(request, strategies.for_listing().order_by("level__order", "title"))
    context = {
        "page": page,
        "filters": filters,
        "nav_active": "strategies",
        "breadcrumbs": breadcrumbs((f"All {_label(request, 'strategy')}", None)),
    }
    return render(request, "categories/strategy_list.html", context)


def strategy_detail(request, slug):
    strategy = get_visible_or_404(Strategy.objects.select_related("level", "last_reviewed_by"), slug, request.user)
    tree = CategoryTree.load()
    categories = [c for c in strategy.categories.all() if tree.is_public(c)]
    phases = list(strategy.phases.all())
    trail = category_trail(tree.ancestors(categories[0]), categories[0]) if categories else []
    context = {
        "strategy": strategy,
        "summary_rows": [
            row("Level of support", strategy.level or "Not set"),
            row("Phases", ", ".join(p.name for p in phases) or "All phases"),
            row(_label(request).capitalize(), linked_list(categories, text=lambda c: c.name)),
            row("Last reviewed", last_reviewed(strategy)),
        ],
        "breadcrumbs": breadcrumbs(*trail, (strategy.title, None)),
        "tags": list(strategy.tags.all()),
        "resources": [
            link.resource
            for link in strategy.resource_links.filter(resource__status=Status.PUBLISHED).select_related("resource")
        ],
        "interventions": [
            link.intervention
            for link in strategy.intervention_links.filter(intervention__status=Status.PUBLISHED).select_related(
                "intervention__level"
            )
        ],
        "nav_active": "strategies",
    }
    return _preview_headers(render(request, "categories/strategy_detail.html", context), strategy)
