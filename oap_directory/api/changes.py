"""The removed-items feed: a published item that leaves the public site (archived, unpublished or deleted) is
recorded with its uuid, type and when, so that a copy kept elsewhere can drop it. Publishing it again clears the
record: it then shows up among the items updated since the consumer's last sync.

A category's change reaches below it: archiving, unpublishing or moving a category out of sight takes its
sub-categories and the strategies filed only there out of the API's lists, so they are recorded too; publishing
it again clears them and marks them updated, so a consumer's next sync fetches them again."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from categories.content import Status
from categories.models import Category, Strategy
from categories.tree import CategoryTree
from oap_directory import content_types
from oap_directory.models import RemovedItem


def _remember_status(sender, instance, **kwargs):
    instance._status_before_save = (
        sender._default_manager.filter(pk=instance.pk).values_list("status", flat=True).first() if instance.pk else None
    )


def _record_status_change(sender, instance, **kwargs):
    was_published = getattr(instance, "_status_before_save", None) == Status.PUBLISHED
    entry = content_types.for_model(sender)
    if instance.status == Status.PUBLISHED:
        RemovedItem.objects.filter(uuid=instance.uuid).delete()
    elif was_published:
        RemovedItem.objects.create(uuid=instance.uuid, type=entry.name)


def _public_below(category):
    """What the API lists from `category` and below: {model: {uuid}}, as the tree is now."""
    tree = CategoryTree.load()
    below = tree.descendant_ids(tree.by_id[category.pk])
    strategies = Strategy.objects.published().in_categories(below).in_categories(tree.public_ids())
    return {
        Category: {tree.by_id[pk].uuid for pk in below if tree.is_public(tree.by_id[pk])},
        Strategy: set(strategies.values_list("uuid", flat=True)),
    }


def _remember_what_is_below(sender, instance, **kwargs):
    before = sender.objects.filter(pk=instance.pk).values("status", "parent_id").first() if instance.pk else None
    moved = before and (before["status"], before["parent_id"]) != (instance.status, instance.parent_id)
    instance._public_below_before_save = _public_below(instance) if moved else None


def _record_what_left_below(sender, instance, **kwargs):
    before = getattr(instance, "_public_below_before_save", None)
    if before is None:
        return
    after = _public_below(instance)
    for model, uuids in before.items():
        name, gone = content_types.for_model(model).name, uuids - after[model]
        gone -= set(RemovedItem.objects.filter(uuid__in=gone).values_list("uuid", flat=True))  # the category's own
        RemovedItem.objects.bulk_create(RemovedItem(uuid=uuid, type=name) for uuid in gone)
    for model, uuids in after.items():
        back = uuids - before[model]
        RemovedItem.objects.filter(uuid__in=back).delete()
        model.objects.filter(uuid__in=back).update(updated_at=timezone.now())


def _record_deletion(sender, instance, **kwargs):
    if instance.status == Status.PUBLISHED:
        RemovedItem.objects.create(uuid=instance.uuid, type=content_types.for_model(sender).name)


def connect():
    for entry in content_types.all():
        if not {"uuid", "status"} <= {field.name for field in entry.model._meta.fields}:
            continue
        uid = f"open-data-{entry.name}"
        pre_save.connect(_remember_status, sender=entry.model, dispatch_uid=f"{uid}-pre")
        post_save.connect(_record_status_change, sender=entry.model, dispatch_uid=f"{uid}-post")
        post_delete.connect(_record_deletion, sender=entry.model, dispatch_uid=f"{uid}-delete")
    pre_save.connect(_remember_what_is_below, sender=Category, dispatch_uid="open-data-below-category-pre")
    post_save.connect(_record_what_left_below, sender=Category, dispatch_uid="open-data-below-category-post")


def removed_since(since):
    """Items removed at or after `since` (all of them when None), oldest first."""
    removed = RemovedItem.objects.order_by("removed_at", "id")
    return removed.filter(removed_at__gte=since) if since else removed
