from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from categories.models import Phase
from resources.models import Resource


class PageFeedbackQuerySet(models.QuerySet):
    def out_of_date(self):
        """Reports that a page is out of date which no editor has cleared yet."""
        return self.filter(is_out_of_date=True, out_of_date_cleared_at__isnull=True)


class PageFeedback(models.Model):
    """One visitor's answer to "Was this page useful?". Anonymous: no address, no cookie, no account."""

    item_type = models.CharField(max_length=40, help_text="The kind of page: strategy, intervention, resource …")
    item_uuid = models.UUIDField(db_index=True, help_text="Which item the page shows.")
    item_title = models.CharField(max_length=200, help_text="The page's title when the feedback was given.")
    is_useful = models.BooleanField("useful", help_text="Whether the visitor found the page useful.")
    comment = models.TextField(
        max_length=500, blank=True, help_text="What was missing or wrong, with names and emails redacted."
    )
    is_out_of_date = models.BooleanField(
        "reported out of date", default=False, help_text="The visitor ticked “This is out of date”."
    )
    out_of_date_cleared_at = models.DateTimeField(
        null=True, blank=True, help_text="When an editor dealt with the out-of-date report."
    )
    out_of_date_cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who dealt with the out-of-date report.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = PageFeedbackQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["comment"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"
        indexes = [models.Index(fields=["item_type", "item_uuid", "created_at"])]

    def __str__(self):
        return f"{'Useful' if self.is_useful else 'Not useful'}: {self.item_title}"


class ResourceSuggestion(models.Model):
    """A resource a visitor suggests. Waits for an editor; nothing is ever published automatically."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACCEPTED = "accepted", "Made into a draft resource"
        DECLINED = "declined", "Declined"

    title = models.CharField(max_length=200, help_text="What the visitor called it.")
    url = models.URLField("web address", max_length=500, help_text="Where it is (http or https only).")
    why = models.TextField("why it helps", max_length=1000, help_text="Why the visitor thinks it helps.")
    phases = models.ManyToManyField(Phase, blank=True, related_name="+", help_text="Phases the visitor says it suits.")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, db_index=True, help_text="Where it is in moderation."
    )
    resource = models.ForeignKey(
        Resource,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The draft resource made from this suggestion.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class LinkCheck(models.Model):
    """The last check of one web address used by the content (a resource's link or a link in rich text)."""

    class Outcome(models.TextChoices):
        OK = "ok", "Works"
        REDIRECTED = "redirected", "Redirects elsewhere"
        BROKEN = "broken", "Broken"
        REFUSED = "refused", "Not checked: private or local address"

    url = models.URLField("web address", max_length=500, unique=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, db_index=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The HTTP status of the answer.")
    final_url = models.URLField(max_length=2000, blank=True, help_text="Where the address ends up after redirects.")
    error = models.CharField(max_length=200, blank=True, help_text="Why the check failed, if it did.")
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ["url"]

    def __str__(self):
        return self.url
