"""What each published item looks like as data. Field names follow the content-pack schema
(docs/content-pack.schema.json) where they overlap; links point to published items only; every address is
absolute, from SITE_URL. Each `*_queryset()` prefetches what its `*_data()` reads, so a page of a hundred items
takes the same few queries as a page of one."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.urls import reverse
from taggit.models import TaggedItem

from categories.content import Status
from categories.models import Category, Strategy
from categories.presentation import shows_child_words
from resources.models import Intervention, Resource, StrategyIntervention, StrategyResource


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def _page_url(name, slug):
    return absolute(reverse(name, args=[slug]))


def _names(related):
    return [item.name for item in related.all()]


def attach_tag_names(chosen):
    """Each item's tag names in one query for the lot (taggit's own prefetch builds a query per item)."""
    tagged = [item for item in chosen if hasattr(type(item), "tags")]
    if not tagged:
        return chosen
    names = {}
    rows = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(type(tagged[0])), object_id__in=[item.pk for item in tagged]
    ).order_by("tag__name")
    for object_id, name in rows.values_list("object_id", "tag__name"):
        names.setdefault(object_id, []).append(name)
    for item in tagged:
        item.tag_names = names.get(item.pk, [])
    return chosen


def _public_category_uuids(item, tree):
    return [str(category.uuid) for category in item.categories.all() if tree.is_public(category)]


def _common(item):
    return {
        "uuid": str(item.uuid),
        "slug": item.slug,
        "last_reviewed_at": item.last_reviewed_at.isoformat() if item.last_reviewed_at else None,
        "updated_at": item.updated_at.isoformat(),
    }


def category_data(category, tree):
    return {
        **_common(category),
        "name": category.name,
        "url": _page_url("categories:category_detail", category.slug),
        "parent": str(tree.by_id[category.parent_id].uuid) if category.parent_id else None,
        "children": [str(child.uuid) for child in tree.public_children(category)],
        "order": category.order,
        "summary": category.summary,
        "introduction": category.introduction,
    }


def strategy_queryset():
    categories = Category.objects.only("pk", "uuid", "status", "parent_id")
    resources = StrategyResource.objects.filter(resource__status=Status.PUBLISHED).select_related("resource")
    interventions = StrategyIntervention.objects.filter(intervention__status=Status.PUBLISHED).select_related(
        "intervention"
    )
    return (
        Strategy.objects.published()
        .select_related("level")
        .prefetch_related(
            "phases",
            Prefetch("categories", queryset=categories),
            Prefetch("resource_links", queryset=resources.only("strategy_id", "order", "resource__uuid")),
            Prefetch("intervention_links", queryset=interventions.only("strategy_id", "order", "intervention__uuid")),
        )
    )


def strategy_data(strategy, tree, site):
    return {
        **_common(strategy),
        "title": strategy.title,
        "url": _page_url("categories:strategy_detail", strategy.slug),
        "teacher_statement": strategy.teacher_statement,
        "child_statement": strategy.child_statement if shows_child_words(strategy, site.show_child_voice) else "",
        "why": strategy.why,
        "how": strategy.how,
        "level": strategy.level.name if strategy.level else None,
        "phases": _names(strategy.phases),
        "categories": _public_category_uuids(strategy, tree),
        "tags": strategy.tag_names,
        "resources": [str(link.resource.uuid) for link in strategy.resource_links.all()],
        "interventions": [str(link.intervention.uuid) for link in strategy.intervention_links.all()],
    }


def intervention_queryset():
    categories = Category.objects.only("pk", "uuid", "status", "parent_id")
    return (
        Intervention.objects.published()
        .select_related("level")
        .prefetch_related(
            "phases",
            Prefetch("categories", queryset=categories),
            Prefetch("resources", queryset=Resource.objects.published().only("pk", "uuid")),
        )
    )


def intervention_data(intervention, tree):
    cost = intervention.cost_per_pupil_per_year
    return {
        **_common(intervention),
        "name": intervention.name,
        "url": _page_url("resources:intervention_detail", intervention.slug),
        "summary": intervention.summary,
        "description": intervention.description,
        "who_delivers": intervention.who_delivers,
        "group_size": intervention.group_size,
        "frequency": intervention.frequency,
        "duration": intervention.duration,
        "cost_per_pupil_per_year": f"{cost:.2f}" if cost is not None else None,
        "cost_notes": intervention.cost_notes,
        "evidence_strength": intervention.evidence_strength,
        "evidence_source_url": intervention.evidence_source_url,
        "level": intervention.level.name,
        "phases": _names(intervention.phases),
        "categories": _public_category_uuids(intervention, tree),
        "resources": [str(resource.uuid) for resource in intervention.resources.all()],
        "tags": intervention.tag_names,
        "is_local_service": intervention.is_local_service,
        "provider_name": intervention.provider_name,
        "provider_website": intervention.provider_website,
        "contact_name": intervention.contact_name,
        "contact_email": intervention.contact_email,
    }


def resource_queryset():
    return Resource.objects.published().prefetch_related("phases")


def resource_data(resource):
    link = resource.link
    return {
        **_common(resource),
        "title": resource.title,
        "url": _page_url("resources:resource_detail", resource.slug),
        "link": absolute(link) if link.startswith("/") else link,
        "kind": resource.kind,
        "summary": resource.summary,
        "provider": resource.provider,
        "audience": resource.audience,
        "phases": _names(resource.phases),
        "tags": resource.tag_names,
    }


def tag_data(tag):
    return {"slug": tag.slug, "name": tag.name, "url": _page_url("tag_detail", tag.slug)}
