from django.db import models


class RemovedItem(models.Model):
    """A published item that left the public site (archived, unpublished or deleted): the API's change feed lists
    it so that copies kept by other services can drop it. Publishing it again removes the entry."""

    uuid = models.UUIDField(db_index=True)
    type = models.CharField(max_length=30)  # a content type's name, e.g. "strategy"
    removed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["removed_at", "id"]
        verbose_name = "removed item"

    def __str__(self):
        return f"{self.type} {self.uuid} removed at {self.removed_at:%Y-%m-%d %H:%M}"


class ApiRequestCount(models.Model):
    """How many API requests one client (a salted hash of its address, never the address) made in one minute."""

    client = models.CharField(max_length=64)
    minute = models.DateTimeField()
    count = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["minute"]
        constraints = [models.UniqueConstraint(fields=["client", "minute"], name="unique_api_client_minute")]

    def __str__(self):
        return f"{self.count} requests at {self.minute:%H:%M}"
