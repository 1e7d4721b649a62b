from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import format_html

from categories.content import Status, get_visible_or_404
from categories.forms import paginate
from categories.presentation import breadcrumbs, last_reviewed, linked_list, row
from categories.tree import CategoryTree
from resources.forms import InterventionFilterForm, ResourceFilterForm
from resources.models import Intervention, Resource


def _preview_headers(response, obj):
    if obj.is_preview:
        response["Cache-Control"] = "private, no-store"
    return response


def _public_categories(tree, categories):
    return [category for category in categories if tree.is_public(category)]


def _intervention_rows(request, intervention, categories, phases):
    cost = intervention.cost_per_pupil_per_year
    rows = [
        row("Level of support", intervention.level),
        row("Who delivers it", intervention.who_delivers or "Not stated"),
        row("Group size", intervention.group_size or "Not stated"),
        row("How often", intervention.frequency or "Not stated"),
        row("How long", intervention.duration or "Not stated"),
        row(
            "Indicative cost per pupil per year",
            f"£{floatformat(cost, '2g')}" if cost is not None else "Not costed: part of quality first teaching",
        ),
        row("Strength of evidence", _evidence(intervention)),
        row("Phases", ", ".join(p.name for p in phases) or "All phases"),
    ]
    if categories:
        rows.append(
            row(request.site.category_label_plural.capitalize(), linked_list(categories, text=lambda c: c.name))
        )
    rows.append(row("Last reviewed", last_reviewed(intervention)))
    return rows


def _evidence(intervention):
    strength = intervention.get_evidence_strength_display()
    if intervention.evidence_source_url:
        return format_html(
            '{} (<a class="govuk-link" href="{}">source</a>)', strength, intervention.evidence_source_url
        )
    return strength


def resource_list(request):
    filters = ResourceFilterForm(request.GET)
    resources = filters.filter(Resource.objects.published()).prefetch_related("phases").order_by("title")
    context = {
        "page": paginate(request, resources),
        "filters": filters,
        "nav_active": "resources",
        "breadcrumbs": breadcrumbs(("Resource library", None)),
    }
    return render(request, "resources/resource_list.html", context)


def resource_detail(request, slug):
    resource = get_visible_or_404(Resource, slug, request.user)
    strategies = [
        link.strategy
        for link in resource.strategy_links.filter(strategy__status=Status.PUBLISHED)
        .select_related("strategy__level")
        .order_by("strategy__title")
    ]
    phases = list(resource.phases.all())
    tags = list(resource.tags.all())
    context = {
        "resource": resource,
        "summary_rows": [
            row("Type", resource.get_kind_display()),
            row("Provided by", resource.provider or "Not stated"),
            row("For", resource.audience or "Anyone"),
            row("Phases", ", ".join(p.name for p in phases) or "All phases"),
            *(
                [
                    row(
                        "Topics",
                        linked_list(tags, text=lambda t: t.name, url=lambda t: reverse("tag_detail", args=[t.slug])),
                    )
                ]
                if tags
                else []
            ),
            row("Last reviewed", last_reviewed(resource)),
        ],
        "breadcrumbs": breadcrumbs(("Resource library", reverse("resources:resource_list")), (resource.title, None)),
        "strategies": strategies,
        "interventions": list(resource.interventions.published().select_related("level")),
        "nav_active": "resources",
    }
    return _preview_headers(render(request, "resources/resource_detail.html", context), resource)


def intervention_list(request):
    tree = CategoryTree.load()
    filters = InterventionFilterForm(request.GET, tree)
    interventions = (
        filters.filter(Intervention.objects.published())
        .select_related("level")
        .prefetch_related("phases")
        .order_by("level__order", "name")
    )
    context = {
        "page": paginate(request, interventions),
        "filters": filters,
        "nav_active": "interventions",
        "breadcrumbs": breadcrumbs(("Interventions", None)),
    }
    return render(request, "resources/intervention_list.html", context)


def intervention_detail(request, slug):
    intervention = get_visible_or_404(Intervention.objects.select_related("level"), slug, request.user)
    tree = CategoryTree.load()
    categories = _public_categories(tree, intervention.categories.all())
    phases = list(intervention.phases.all())
    context = {
        "intervention": intervention,
        "summary_rows": _intervention_rows(request, intervention, categories, phases),
        "breadcrumbs": breadcrumbs(
            ("Interventions", reverse("resources:intervention_list")), (intervention.name, None)
        ),
        "resources": list(intervention.resources.published()),
        "strategies": [
            link.strategy
            for link in intervention.strategy_links.filter(strategy__status=Status.PUBLISHED)
            .select_related("strategy")
            .order_by("strategy__title")
        ],
        "nav_active": "interventions",
    }
    return _preview_headers(render(request, "resources/intervention_detail.html", context), intervention)
