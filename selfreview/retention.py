"""How long shared self-evaluations and sharing codes are kept; `manage.py daily_tasks` deletes older ones and the
privacy notice quotes these periods."""

from datetime import timedelta

from django.utils import timezone

from selfreview.models import SharedEvaluation, SharingCode

SHARED_KEEP_YEARS = 3  # the council compares this year's picture with the previous two
CODE_KEEP_DAYS = 400  # a code not used within about a school year has lapsed


def purge_old_shares():
    """Delete shared evaluations older than SHARED_KEEP_YEARS and sharing codes older than CODE_KEEP_DAYS; the
    number of each deleted."""
    today = timezone.localdate()
    shares = SharedEvaluation.objects.filter(shared_on__lt=today - timedelta(days=365 * SHARED_KEEP_YEARS)).delete()
    codes = SharingCode.objects.filter(created_at__lt=timezone.now() - timedelta(days=CODE_KEEP_DAYS)).delete()
    return shares[1].get("selfreview.SharedEvaluation", 0), codes[0]
