from django.conf import settings
from django.db import models


class ImportRecord(models.Model):
    """One import: who brought what in, when, and which items it created (so it can be undone)."""

    class Kind(models.TextChoices):
        CONTENT_PACK = "content_pack", "Content pack"
        WORD = "word", "Word document"
        SPREADSHEET = "spreadsheet", "Spreadsheet"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    file_name = models.CharField(max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict, help_text="How many items were created, updated, unchanged or in conflict.")
    created_items = models.JSONField(default=list, help_text="[type, uuid] of every item this import created.")
    messages = models.JSONField(default=list, help_text="Conflicts and other things the person importing should know.")
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.file_name} ({self.created_at:%d %b %Y %H:%M})"


class ImportedItem(models.Model):
    """The base of a three-way merge: how an item looked in the last pack imported, and here just after.

    On the next import, “changed there” is the pack's item differing from `source_fingerprint`, and
    “changed here” is our item differing from `local_fingerprint`; only both at once is a conflict.
    """

    uuid = models.UUIDField(unique=True)
    source_fingerprint = models.CharField(max_length=64)
    local_fingerprint = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return str(self.uuid)
