"""Turning a visitor's suggestion into a draft resource: an editor's one click, never automatic publication."""

from django.db import transaction
from django.utils.text import slugify

from categories.content import Status
from feedback.models import ResourceSuggestion
from resources.models import Resource


def _free_slug(title):
    base = (slugify(title) or "suggested-resource")[:100]
    slug, n = base, 1
    while Resource.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def make_draft_resource(suggestion):
    """A draft Resource from `suggestion` (or the one already made from it)."""
    if suggestion.resource_id:
        return suggestion.resource
    resource = Resource.objects.create(
        title=suggestion.title[:200],
        slug=_free_slug(suggestion.title),
        kind=Resource.Kind.WEB_PAGE,
        summary=suggestion.why,
        url=suggestion.url,
        status=Status.DRAFT,
    )
    resource.phases.set(suggestion.phases.all())
    suggestion.resource = resource
    suggestion.status = ResourceSuggestion.Status.ACCEPTED
    suggestion.save(update_fields=["resource", "status"])
    return resource
