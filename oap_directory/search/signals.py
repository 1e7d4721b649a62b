"""Keep the search index in step with the content.

Changes are collected during a transaction and indexed once it commits, after
the admin has saved many-to-many fields and tags (DESIGN.md, Decisions → Search).
"""

import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import TaggedItem

from categories.tree import CategoryTree
from oap_directory import content_types
from oap_directory.page_cache import bump_content_version

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
    try:
        for (model, pk), obj in _expand(queue, tree).items():
            fresh = model._default_manager.filter(pk=pk).first()
            if fresh is None:
                search.unindex(obj)
            else:
                search.index(fresh, tree)
    finally:
        # The change bumped the content version when it was saved, before these rows were written: a search in
        # between may have kept the old rows' facts (documents.match_facts) under that version.
        bump_content_version()


def _expand(queue, tree):
    """Add everything whose search row shows something of a queued item, as its content type says
    (a category's change reaches everything filed under it; a strategy's reaches its resources)."""
    expanded = dict(queue)
    todo = list(queue.values())
    while todo:
        item = todo.pop()
        for reaches in content_types.for_model(item).affects:
            for other in reaches(item, tree):
                key = (type(other), other.pk)
                if key not in expanded:
                    expanded[key] = other
                    todo.append(other)
    return expanded


def _saved(sender, instance, **kwargs):
    schedule(instance)


def _deleted(sender, instance, **kwargs):
    from oap_directory import search

    search.unindex(instance)


def _is_indexed(item):
    entry = content_types.for_model(item)
    return entry is not None and entry.search_fields is not None


def _relations_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and _is_indexed(instance):
        schedule(instance)


def _tag_changed(sender, instance, **kwargs):
    item = instance.content_object
    if item is not None and _is_indexed(item):
        schedule(item)


def _link_changed(sender, instance, **kwargs):
    """An ordered link (e.g. strategy → resource) changed: re-index both ends."""
    for field in sender._meta.concrete_fields:
        if field.is_relation and content_types.for_model(field.related_model) is not None:
            end = getattr(instance, field.name, None)
            if end is not None:
                schedule(end)


def connect():
    indexed = [entry.model for entry in content_types.searchable()]
    for model in indexed:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_relations_changed, sender=through, dispatch_uid=f"search-m2m-{through.__name__}")
    m2m_changed.connect(_relations_changed, sender=TaggedItem, dispatch_uid="search-m2m-TaggedItem")
    post_save.connect(_tag_changed, sender=TaggedItem, dispatch_uid="search-tag-save")
    post_delete.connect(_tag_changed, sender=TaggedItem, dispatch_uid="search-tag-delete")
    for link in content_types.link_models():
        post_save.connect(_link_changed, sender=link, dispatch_uid=f"search-link-save-{link.__name__}")
        post_delete.connect(_link_changed, sender=link, dispatch_uid=f"search-link-delete-{link.__name__}")
