from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class RevisionQuerySet(models.QuerySet):
    def open(self):
        """Changes not yet published or discarded: waiting for a publisher, or sent back to the editor."""
        return self.filter(status__in=Revision.OPEN)

    def waiting(self):
        """Changes a publisher has still to look at."""
        return self.filter(status=Revision.Status.PENDING)


class Revision(models.Model):
    """Changes made to a published item, waiting for a publisher; the live item stays as it is.

    At most one pending change per item: everyone who opens the item edits it, so nothing is lost.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a publisher"
        SENT_BACK = "sent_back", "Sent back to the editor"
        APPLIED = "applied", "Published"
        DISCARDED = "discarded", "Discarded"

    OPEN = (Status.PENDING, Status.SENT_BACK)

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    data = models.JSONField(help_text="The edited form: fields, files, many-to-many, tags and ordered links.")
    base_version = models.PositiveIntegerField(help_text="The item's version when the changes were last saved.")
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every save of these changes.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, help_text="Why a publisher sent the changes back.")

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "pending change"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(status__in=["pending", "sent_back"]),
                name="one_pending_change_per_item",
            )
        ]

    def __str__(self):
        return f"Changes to {self.content_type.name} #{self.object_id} by {self.created_by}"

    @property
    def editors(self):
        """Who made these changes, for messages: the first editor and, if different, the last."""
        people = [str(self.created_by or "Someone")]
        if self.updated_by and self.updated_by != self.created_by:
            people.append(str(self.updated_by))
        return " and ".join(people)
