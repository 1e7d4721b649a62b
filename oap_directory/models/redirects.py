from django.db import models


class SlugRedirect(models.Model):
    """An old page address that now redirects (301) to the item it belonged to."""

    type = models.CharField(max_length=20, help_text="The content type's name in oap_directory.content_types.")
    old_slug = models.CharField(max_length=120)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["type", "old_slug"], name="one_redirect_per_old_slug")]

    def __str__(self):
        return f"{self.type}: {self.old_slug}"
