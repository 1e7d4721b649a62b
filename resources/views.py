from django.http import Http404
from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from categories.content import Status, get_visible_or_404
from categories.forms import filter_options, paginate
from categories.presentation import breadcrumbs, last_reviewed, level_link, linked_list, row
from categories.tree import CategoryTree
from oap_directory.pdf import pdf_response
from resources import costing, files
from resources.forms import InterventionFilterForm, ResourceFilterForm
from resources.listing import intervention_summaries, interventions_in, resource_summaries, resources_linked_to
from resources.models import Intervention, Resource

RESOURCES_ON_CATEGORY_PAGE = 12


def _preview_headers(response, obj):
    if obj.is_preview:
        response["Cache-Control"] = "private, no-store"
    return response


def _public_categories(tree, categories):
    return [category for category in categories if tree.is_public(category)]


def _intervention_rows(request, intervention, categories, phases):
    cost = intervention.cost_per_pupil_per_year
    rows = [
        row("Level of support", level_link(intervention.level)),
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
    if intervention.is_local_service:
        rows.extend(_provider_rows(intervention))
    rows.append(row("Last reviewed", last_reviewed(intervention)))
    return rows


def _cost_explanation(intervention):
    """The body of “How is this worked out?”: the formula, this intervention's figures in it, and any notes."""
    notes = format_html('<p class="govuk-body">{}</p>', intervention.cost_notes) if intervention.cost_notes else ""
    if intervention.cost_per_pupil_per_year is None:
        return notes
    inputs = costing.inputs_for(intervention)
    if inputs is not None:
        figures = f"For this intervention: {costing.worked_example(inputs, intervention.cost_per_pupil_per_year)}."
    else:
        figures = "The council gave this cost directly rather than from a staff role's rate."
    return format_html(
        '<p class="govuk-body">{}</p><p class="govuk-body">{}</p>{}', costing.FORMULA_TEXT, figures, notes
    )


def _provider_rows(intervention):
    """Who provides a local service and how to reach them (also in the open data feeds)."""
    provider = intervention.provider_name
    if intervention.provider_website:
        provider = format_html('<a class="govuk-link" href="{}">{}</a>', intervention.provider_website, provider)
    rows = [row("Provided by", provider)]
    contact = [part for part in (intervention.contact_name, intervention.contact_email) if part]
    if intervention.contact_email:
        contact[-1] = format_html(
            '<a class="govuk-link" href="mailto:{}">{}</a>', intervention.contact_email, intervention.contact_email
        )
    if contact:
        rows.append(row("Contact", format_html_join(", ", "{}", ((part,) for part in contact))))
    return rows


def _evidence(intervention):
    strength = intervention.get_evidence_strength_display()
    if intervention.evidence_source_url:
        return format_html(
            '{} (<a class="govuk-link" href="{}">source</a>)', strength, intervention.evidence_source_url
        )
    return strength


def resource_list(request):
    filters = ResourceFilterForm(request.GET, options=filter_options(request))
    page = paginate(request, filters.filter(Resource.objects.published()).order_by("title", "pk"))
    page.object_list = resource_summaries(page.object_list)
    context = {
        "page": page,
        "filters": filters,
        "chips": filters.chips(request.path),
        "nav_active": "resources",
        "breadcrumbs": breadcrumbs(("Resource library", None)),
    }
    return render(request, "resources/resource_list.html", context)


def resource_file(request, slug):
    """A resource's uploaded file, only while the resource is published (staff may preview it)."""
    resource = get_visible_or_404(Resource, slug, request)
    if not resource.file:
        raise Http404
    return files.send(resource.file, files.download_name(resource.slug, resource.file.name), resource.is_preview)


def resource_detail(request, slug):
    resource = get_visible_or_404(Resource, slug, request)
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
    tree = CategoryTree.for_request(request)
    filters = InterventionFilterForm(
        request.GET, tree, options=filter_options(request), category_label=request.site.category_label_singular
    )
    filters.count_categories(Intervention.objects.published())
    page = paginate(request, filters.filter(Intervention.objects.published()).order_by("level__order", "name", "pk"))
    page.object_list = intervention_summaries(page.object_list)
    context = {
        "page": page,
        "filters": filters,
        "chips": filters.chips(request.path),
        "nav_active": "interventions",
        "breadcrumbs": breadcrumbs(("Interventions", None)),
    }
    return render(request, "resources/intervention_list.html", context)


def intervention_detail(request, slug, as_pdf=False):
    intervention = get_visible_or_404(Intervention.objects.select_related("level", "staff_role"), slug, request)
    tree = CategoryTree.for_request(request)
    categories = _public_categories(tree, intervention.categories.all())
    phases = list(intervention.phases.all())
    context = {
        "intervention": intervention,
        "summary_rows": _intervention_rows(request, intervention, categories, phases),
        "cost_explanation": _cost_explanation(intervention),
        "breadcrumbs": breadcrumbs(
            ("Interventions", reverse("resources:intervention_list")), (intervention.name, None)
        ),
        "resources": resource_summaries(intervention.resources.published()),
        "strategies": [
            link.strategy
            for link in intervention.strategy_links.filter(strategy__status=Status.PUBLISHED)
            .select_related("strategy")
            .order_by("strategy__title")
        ],
        "nav_active": "interventions",
    }
    template = "resources/intervention_detail.html"
    if as_pdf:  # the same page as a PDF, made on request and never stored
        return _preview_headers(pdf_response(request, template, context, f"{slug}.pdf", cacheable=True), intervention)
    return _preview_headers(render(request, template, context), intervention)


def category_page_extras(request, category, category_ids, strategy_ids, filters):
    """Suggested interventions and resources on a category page (registered with `categories.extras`).

    `strategy_ids` are the strategies the page lists; only the columns the lists show are read."""
    return {
        "interventions": interventions_in(category_ids, filters),
        "resources": resources_linked_to(strategy_ids, RESOURCES_ON_CATEGORY_PAGE),
    }


def strategy_page_extras(request, strategy):
    """A strategy's linked resources and interventions, in the editor's order (registered with `categories.extras`)."""
    resources = (
        Resource.objects.published()
        .filter(strategy_links__strategy=strategy)
        .order_by("strategy_links__order", "strategy_links__id")
    )
    interventions = (
        Intervention.objects.published()
        .filter(strategy_links__strategy=strategy)
        .order_by("strategy_links__order", "strategy_links__id")
    )
    return {"resources": resource_summaries(resources), "interventions": intervention_summaries(interventions)}
