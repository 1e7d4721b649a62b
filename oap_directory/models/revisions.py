from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Revision(models.Model):
    """Changes an editor made to a published item, waiting for a publisher; the live item stays as it is."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a publisher"
        APPLIED = "applied", "Published"
        DISCARDED = "discarded", "Discarded"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    data = models.JSONField(help_text="The edited form: fields, many-to-many, tags and ordered links.")
    base_version = models.PositiveIntegerField(help_text="The item's version when the editor opened it.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "pending change"

    def __str__(self):
        return f"Changes to {self.content_type.name} #{self.object_id} by {self.created_by}"
