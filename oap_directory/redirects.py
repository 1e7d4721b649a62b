"""Record an item's old slug when an editor changes it, so old links keep working (301)."""

from django.db.models.signals import pre_save

from oap_directory import content_types
from oap_directory.models import SlugRedirect


def _remember_old_slug(sender, instance, **kwargs):
    if not instance.pk:
        return
    old_slug = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old_slug and old_slug != instance.slug:
        SlugRedirect.objects.update_or_create(
            type=content_types.for_model(sender).name, old_slug=old_slug, defaults={"object_id": instance.pk}
        )


def connect():
    for model in content_types.models():
        pre_save.connect(_remember_old_slug, sender=model, dispatch_uid=f"slug-redirect-{model.__name__}")
