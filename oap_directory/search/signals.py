"""Keep the search index in step with the content.

Changes are collected during a transaction and indexed once it commits, after
the admin has saved many-to-many fields and tags (DESIGN.md, Decisions → Search).
"""

import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import TaggedItem

from categories.models import Category, Strategy
from categories.tree import CategoryTree
from resources.models import Intervention, Resource, StrategyIntervention, StrategyResource

INDEXED_MODELS = (Strategy, Intervention, Resource, Category)
_pending = threading.local()


def schedule(obj):
    """Index `obj` (and what depends on it) when the current transaction commits.

    Every call registers a flush; the first to run drains the queue and the rest find it
    empty. If a transaction rolls back, its items stay queued and are re-read from the
    database at the next flush, which is harmless.
    """
    queue = getattr(_pending, "queue", None)
    if queue is None:
        queue = _pending.queue = {}
    queue[(type(obj), obj.pk)] = obj
    transaction.on_commit(_flush)  # runs at once when there is no transaction


def _flush():
    from oap_directory import search

    queue, _pending.queue = getattr(_pending, "queue", None) or {}, None
    if not queue:
        return
    tree = CategoryTree.load()
    for (model, pk), obj in _expand(queue, tree).items():
        fresh = model._default_manager.filter(pk=pk).first()
        if fresh is None:
            search.unindex(obj)
        else:
            search.index(fresh, tree)


def _expand(queue, tree):
    """A category's change reaches everything filed under it; a strategy's reaches its resources."""
    expanded = dict(queue)
    for model, pk in queue:
        if model is Category and pk in tree.by_id:
            ids = tree.descendant_ids(tree.by_id[pk])
            for category in Category.objects.filter(pk__in=ids):
                expanded[(Category, category.pk)] = category
            for item in [
                *Strategy.objects.filter(categories__in=ids),
                *Intervention.objects.filter(categories__in=ids),
            ]:
                expanded[(type(item), item.pk)] = item
    for model, pk in list(expanded):
        if model in (Strategy, Intervention):
            resources = Resource.objects.filter(
                **{f"{'strategy_links__strategy' if model is Strategy else 'interventions'}": pk}
            )
            for resource in resources.distinct():
                expanded[(Resource, resource.pk)] = resource
    return expanded


def _saved(sender, instance, **kwargs):
    schedule(instance)


def _deleted(sender, instance, **kwargs):
    from oap_directory import search

    search.unindex(instance)


def _relations_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, INDEXED_MODELS):
        schedule(instance)


def _tag_changed(sender, instance, **kwargs):
    item = instance.content_object
    if isinstance(item, INDEXED_MODELS):
        schedule(item)


def _link_changed(sender, instance, **kwargs):
    schedule(instance.strategy)
    target = getattr(instance, "resource", None) or getattr(instance, "intervention", None)
    if target is not None:
        schedule(target)


def connect():
    for model in INDEXED_MODELS:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    for through in [
        Strategy.categories.through,
        Strategy.phases.through,
        Intervention.categories.through,
        Intervention.phases.through,
        Intervention.resources.through,
        Resource.phases.through,
        TaggedItem,
    ]:
        m2m_changed.connect(_relations_changed, sender=through, dispatch_uid=f"search-m2m-{through.__name__}")
    post_save.connect(_tag_changed, sender=TaggedItem, dispatch_uid="search-tag-save")
    post_delete.connect(_tag_changed, sender=TaggedItem, dispatch_uid="search-tag-delete")
    for link in (StrategyResource, StrategyIntervention):
        post_save.connect(_link_changed, sender=link, dispatch_uid=f"search-link-save-{link.__name__}")
        post_delete.connect(_link_changed, sender=link, dispatch_uid=f"search-link-delete-{link.__name__}")
