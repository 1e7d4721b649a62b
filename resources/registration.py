"""What this app tells the site-wide registries and the `categories` app at `ready()`.

`categories` never imports this app (DESIGN.md), so everything it shows from here is registered with it here:
the intervention and resource content types, the links from strategies to resources and interventions (history,
search, the Strategy admin's inlines) and what category and strategy pages list from this app.
"""

from django.db.models.signals import post_delete, post_save

from categories.content import Status
from oap_directory import content_types
from oap_directory.content_types import ContentType, SearchFields
from oap_directory.richtext import plain_text


def intervention_search_fields(intervention, tree):
    delivery = " ".join(
        filter(
            None, [intervention.who_delivers, intervention.group_size, intervention.frequency, intervention.duration]
        )
    )
    return SearchFields(
        title=intervention.name,
        summary=intervention.summary,
        body=f"{plain_text(intervention.description)} {delivery} {intervention.cost_notes}",
        tags=intervention.tags.names(),
        categories=intervention.categories.all(),
        level=intervention.level,
        phases=[phase.slug for phase in intervention.phases.all()],
    )


def resource_search_fields(resource, tree):
    """A resource has no categories of its own: it sits where the published items that link to it sit."""
    from categories.models import Category

    from_strategies = Category.objects.filter(
        strategies__resource_links__resource=resource, strategies__status=Status.PUBLISHED
    )
    from_interventions = Category.objects.filter(
        interventions__resources=resource, interventions__status=Status.PUBLISHED
    )
    return SearchFields(
        title=resource.title,
        summary=resource.summary,
        body=f"{resource.provider} {resource.audience}",
        tags=resource.tags.names(),
        categories=[*from_strategies.distinct(), *from_interventions.distinct()],
        phases=[phase.slug for phase in resource.phases.all()],
        kind=resource.kind,
    )


def _published_interventions():
    from resources.models import Intervention

    return Intervention.objects.published().select_related("level").prefetch_related("categories", "phases", "tags")


def _published_resources():
    from resources.models import Resource

    return Resource.objects.published().prefetch_related("phases", "tags")


def _linked_resources(item, tree):
    """A strategy's or intervention's categories show in the search rows of the resources it links to."""
    from resources.models import Intervention, Resource

    if isinstance(item, Intervention):
        return Resource.objects.filter(interventions=item.pk)
    return Resource.objects.filter(strategy_links__strategy=item.pk).distinct()


def _interventions_in(category, tree):
    from resources.models import Intervention

    if category.pk not in tree.by_id:
        return []
    return Intervention.objects.filter(categories__in=tree.descendant_ids(tree.by_id[category.pk])).distinct()


def _recompute_costs(**kwargs):
    """A changed rate or policy changes the stored costs worked out from it (the content version is bumped by
    the page cache's own receiver, connected after this one)."""
    from resources import costing

    costing.recompute_intervention_costs()


def register():
    from categories import admin as categories_admin
    from categories import extras
    from resources import admin, views
    from resources.models import (
        CostingPolicy,
        Intervention,
        Resource,
        StaffRole,
        StrategyIntervention,
        StrategyResource,
    )

    content_types.register(
        ContentType(
            "intervention",
            Intervention,
            detail_url="resources:intervention_detail",
            list_url="resources:intervention_list",
            order=20,
            search_fields=intervention_search_fields,
            search_queryset=_published_interventions,
            affects=[_linked_resources],
        )
    )
    content_types.register(
        ContentType(
            "resource",
            Resource,
            detail_url="resources:resource_detail",
            list_url="resources:resource_list",
            order=30,
            search_fields=resource_search_fields,
            search_queryset=_published_resources,
        )
    )
    content_types.get("strategy").affects.append(_linked_resources)
    content_types.get("category").affects.append(_interventions_in)
    content_types.register_links(StrategyResource, StrategyIntervention)
    content_types.register_shown(StaffRole, CostingPolicy)
    for model in (StaffRole, CostingPolicy):
        post_save.connect(_recompute_costs, sender=model, dispatch_uid=f"costing-recompute-{model.__name__}")
        post_delete.connect(_recompute_costs, sender=model, dispatch_uid=f"costing-recompute-delete-{model.__name__}")

    categories_admin.add_strategy_inlines(admin.StrategyResourceInline, admin.StrategyInterventionInline)
    extras.register("category_detail", views.category_page_extras)
    extras.register("strategy_detail", views.strategy_page_extras)
    _register_history()


def _register_history():
    from categories import history
    from categories.models import Strategy
    from resources.models import Intervention, Resource, StrategyIntervention, StrategyResource

    history.register_relation(
        Strategy, "resources", "Resources", *_ordered_links("resource_links", "resource", StrategyResource)
    )
    history.register_relation(
        Strategy,
        "interventions",
        "Interventions",
        *_ordered_links("intervention_links", "intervention", StrategyIntervention),
    )
    history.register_describer(Strategy, "resources", _titles(Resource))
    history.register_describer(Strategy, "interventions", _titles(Intervention))
    for model in (Intervention, Resource):
        history.register_m2m(model, "phases", "Phases", key="slug")
        history.register_tags(model)
    history.register_m2m(Intervention, "categories", "Categories")
    history.register_m2m(Intervention, "resources", "Resources")
    history.register_describer(Intervention, "resources", _titles(Resource))


def _ordered_links(related_name, target, link_model):
    """Getter and setter for a strategy's ordered links, stored as the targets' uuids in order."""

    def getter(strategy):
        links = getattr(strategy, related_name).select_related(target).order_by("order", "id")
        return [str(getattr(link, target).uuid) for link in links]

    def setter(strategy, uuids):
        target_model = link_model._meta.get_field(target).related_model
        found = {str(item.uuid): item for item in target_model.objects.filter(uuid__in=uuids)}
        getattr(strategy, related_name).all().delete()
        link_model.objects.bulk_create(
            link_model(strategy=strategy, order=order, **{target: found[value]})
            for order, value in enumerate(value for value in uuids if value in found)
        )
        return [value for value in uuids if value not in found]

    return getter, setter


def _titles(model):
    def describe(uuids):
        names = {str(item.uuid): str(item) for item in model.objects.filter(uuid__in=uuids)}
        return [names.get(value, "(deleted)") for value in uuids]

    return describe
