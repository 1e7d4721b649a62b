"""How long visitors' feedback and suggestions are kept (the privacy notice says so): two years."""

from datetime import timedelta

from django.utils import timezone

from feedback.models import PageFeedback, ResourceSuggestion

KEEP_DAYS = 730


def purge_old_feedback(now=None):
    """Delete feedback and suggestions older than KEEP_DAYS, with their history. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    deleted = PageFeedback.objects.filter(created_at__lt=cutoff).delete()[0]
    PageFeedback.history.exclude(id__in=PageFeedback.objects.values("pk")).delete()
    deleted += ResourceSuggestion.objects.filter(created_at__lt=cutoff).delete()[0]
    return deleted
