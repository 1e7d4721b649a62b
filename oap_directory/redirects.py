"""Record an item's old slug when an editor changes it, so old links keep working (301)."""

from django.db.models.signals import pre_save

from categories.models import Category, Strategy
from oap_directory.models import SlugRedirect
from resources.models import Intervention, Resource

TYPES = {Strategy: "strategy", Intervention: "intervention", Resource: "resource", Category: "category"}


def _remember_old_slug(sender, instance, **kwargs):
    if not instance.pk:
        return
    old_slug = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old_slug and old_slug != instance.slug:
        SlugRedirect.objects.update_or_create(
            type=TYPES[sender], old_slug=old_slug, defaults={"object_id": instance.pk}
        )


def connect():
    for model in TYPES:
        pre_save.connect(_remember_old_slug, sender=model, dispatch_uid=f"slug-redirect-{model.__name__}")
