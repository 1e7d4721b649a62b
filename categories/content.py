"""What every piece of editorial content shares: identity, status and review dates.

Used by categories and resources; categories/workflow.py moves items between the statuses.
"""

import uuid

from django.conf import settings
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.staff import is_staff_session


class Gone(Exception):
    """An archived item was asked for: the public get a 410 page linking to `category`."""

    def __init__(self, obj, category=None):
        super().__init__(str(obj))
        self.obj = obj
        self.category = category


class StaleVersion(Exception):
    """A save expected the item at one version, but someone else saved it first: nothing was written."""


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class VersionRelations(models.Model):
    """Added to every historical model: the item's relations (categories, tags, ordered links) at that version."""

    relations = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True


class ContentQuerySet(models.QuerySet):
    def published(self):
        """Items the public may see."""
        return self.filter(status=Status.PUBLISHED)


class ContentItem(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the page address. Lower case letters, numbers and hyphens.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Only published items appear on the public site.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_by = models.DateField(
        null=True,
        blank=True,
        help_text="When this should next be checked to make sure it is still accurate.",
    )
    last_reviewed_at = models.DateField(
        null=True, blank=True, help_text="When a specialist last checked this was accurate."
    )
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who last checked this was accurate.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ContentQuerySet.as_manager()
    history = HistoricalRecords(inherit=True, bases=[VersionRelations], excluded_fields=["updated_at"])

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk:
            self.version += 1
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        """With `expected_version` set, the write is `UPDATE … WHERE version = n`: it cannot overwrite a newer save."""
        expected = getattr(self, "expected_version", None)
        if expected is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        if not super()._do_update(base_qs.filter(version=expected), using, pk_val, values, update_fields, True):
            raise StaleVersion(f"{self._meta.verbose_name} {pk_val} is no longer at version {expected}")
        return True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


def get_visible_or_404(model_or_queryset, slug, request):
    """Published items for everyone; staff may preview any status (with a verified session when 2FA is required).

    Returns the object; `obj.is_preview` is True when staff see an unpublished item.
    """
    queryset = model_or_queryset
    if isinstance(model_or_queryset, type):
        queryset = model_or_queryset._default_manager.all()
    obj = get_object_or_404(queryset, slug=slug)
    is_visible = obj.is_public if hasattr(obj, "is_public") else obj.is_published
    obj.is_preview = not is_visible
    if obj.is_preview and not is_staff_session(request):
        if obj.status == Status.ARCHIVED:
            raise Gone(obj, _first_public_category(obj, request))
        raise Http404
    return obj


def _first_public_category(obj, request):
    """Where the 410 page sends a visitor: the item's first category the public may see (published, and so is
    every category above it)."""
    from categories.tree import CategoryTree  # categories.tree imports this module

    categories = getattr(obj, "categories", None)
    if categories is None:
        return None
    tree = CategoryTree.for_request(request)
    return next((category for category in categories.order_by("parent_id", "order") if tree.is_public(category)), None)
