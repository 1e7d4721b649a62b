"""What needs the editors' attention: visitors' feedback, out-of-date reports, reviews that are due, gaps in the
content, searches that found nothing and links that no longer work. Shown in the admin ("What needs attention")."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from categories.models import Strategy
from feedback.links import addresses_in_use
from feedback.models import LinkCheck, PageFeedback
from oap_directory import content_types
from oap_directory.search.logs import insights
from resources.models import Resource

SHOWN = 20  # rows per list; each list links to the admin's full list


def _admin_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def feedback_by_item(now=None):
    """Useful / not useful counts over 30 and 90 days per item, with open out-of-date reports, busiest first."""
    now = now or timezone.now()
    month, quarter = now - timedelta(days=30), now - timedelta(days=90)
    rows = (
        PageFeedback.objects.filter(created_at__gte=quarter)
        .values("item_type", "item_uuid")
        .annotate(
            title=Max("item_title"),
            useful_30=Count("pk", filter=Q(is_useful=True, created_at__gte=month)),
            not_useful_30=Count("pk", filter=Q(is_useful=False, created_at__gte=month)),
            useful_90=Count("pk", filter=Q(is_useful=True)),
            not_useful_90=Count("pk", filter=Q(is_useful=False)),
            out_of_date=Count("pk", filter=Q(is_out_of_date=True, out_of_date_cleared_at__isnull=True)),
            latest=Max("created_at"),
        )
        .order_by("-not_useful_90", "-out_of_date", "-latest")
    )
    return list(rows[:SHOWN])


def _content_rows(queryset):
    return [{"title": str(item), "url": _admin_url(item)} for item in queryset[:SHOWN]]


def review_gaps():
    """Published items overdue for review and never reviewed, per content type."""
    today = timezone.localdate()
    gaps = []
    for entry in content_types.all():
        published = entry.model.objects.published()
        gaps.append(
            {
                "label": entry.label_plural.capitalize(),
                "overdue": _content_rows(published.filter(review_by__lt=today).order_by("review_by")),
                "never": _content_rows(published.filter(last_reviewed_at__isnull=True).order_by("pk")),
            }
        )
    return gaps


def broken_links():
    """Broken and redirected links, each with the items that use it."""
    checks = list(
        LinkCheck.objects.filter(outcome__in=[LinkCheck.Outcome.BROKEN, LinkCheck.Outcome.REDIRECTED]).order_by(
            "outcome", "url"
        )
    )
    used = addresses_in_use() if checks else {}
    return [
        {"check": check, "items": [{"title": str(item), "url": _admin_url(item)} for item in used.get(check.url, [])]}
        for check in checks
    ]


def figures():
    return {
        "feedback": feedback_by_item(),
        "comments": PageFeedback.objects.exclude(comment="")[:10],
        "out_of_date": PageFeedback.objects.out_of_date()[:SHOWN],
        "reviews": review_gaps(),
        "strategies_without_resources": _content_rows(
            Strategy.objects.published().filter(resource_links__isnull=True).order_by("title")
        ),
        "unlinked_resources": _content_rows(
            Resource.objects.published()
            .filter(strategy_links__isnull=True, interventions__isnull=True)
            .order_by("title")
        ),
        "searches_without_results": insights(30)["zero"][:SHOWN],
        "links": broken_links(),
    }


def attention(request, admin_site):
    if not request.user.has_perm("feedback.view_pagefeedback"):
        raise PermissionDenied
    context = {**admin_site.each_context(request), "title": "What needs attention", **figures()}
    return TemplateResponse(request, "admin/oap/attention.html", context)


def summary():
    """The admin home's panel: how many reports and broken links are waiting."""
    return {
        "out_of_date": PageFeedback.objects.out_of_date().count(),
        "broken_links": LinkCheck.objects.filter(outcome=LinkCheck.Outcome.BROKEN).count(),
    }
