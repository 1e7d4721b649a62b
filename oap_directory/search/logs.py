"""Search logging with nothing personal in it.

Only the normalised query, the filters, the number of results and the time are
kept: no IP address, no cookie, no user. Queries that look like an email address,
a phone number or a person's name are stored redacted. Logs are kept 90 days.
"""

import re
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from oap_directory.models import SearchLog, SearchTerm

KEEP_DAYS = 90
EMAIL = re.compile(r"\S+@\S+")
PHONE = re.compile(r"(?:\+?\d[\d ()-]{7,}\d)")
CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\b")


def redact(query):
    """Hide anything in a query that could identify a person."""
    query = EMAIL.sub("[email]", query)
    query = PHONE.sub("[number]", query)
    capitalised = CAPITALISED.findall(query)
    if len(capitalised) >= 2:
        known = set(SearchTerm.objects.filter(word__in=[w.lower() for w in capitalised]).values_list("word", flat=True))
        unknown = [word for word in capitalised if word.lower() not in known]
        if len(unknown) >= 2:
            return "[name]"
    return query


def log_search(query, filters, result_count):
    """Record one search. Queries are stored lower case, after redaction."""
    SearchLog.objects.create(query=redact(query).lower()[:200], filters=filters, result_count=result_count)


def purge_old_logs(now=None):
    cutoff = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    return SearchLog.objects.filter(created_at__lt=cutoff).delete()[0]


def insights(days):
    """Top searches and searches that found nothing, over the last `days` days."""
    since = timezone.now() - timedelta(days=days)
    recent = SearchLog.objects.filter(created_at__gte=since)
    top = recent.values("query").annotate(searches=Count("id")).order_by("-searches", "query")[:50]
    zero = (
        recent.filter(result_count=0).values("query").annotate(searches=Count("id")).order_by("-searches", "query")[:50]
    )
    totals = recent.aggregate(total=Count("id"), zero=Count("id", filter=Q(result_count=0)))
    return {"top": list(top), "zero": list(zero), "totals": totals, "days": days}
