"""Search across published strategies, interventions, resources and categories.

This is the foundation's simple word search: every word must appear in one of
an item's main fields. Issue 4 replaces the engine behind `search()` with
full-text search on PostgreSQL and SQLite; callers keep this interface.
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db.models import Q

from categories.models import Category, Strategy
from categories.tree import CategoryTree
from oap_directory.richtext import plain_text
from resources.models import Intervention, Resource

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
RESULTS_PER_TYPE = 200


@dataclass
class Result:
    type: str
    title: str
    url: str
    snippet: str


def normalise(query):
    """Printable text only, trimmed to a sensible length."""
    query = "".join(ch if ch.isprintable() else " " for ch in (query or ""))
    return re.sub(r"\s+", " ", query).strip()[:MAX_QUERY_LENGTH]


def _words(query):
    return list(re.findall(r"\w[\w'’-]*", query))[:MAX_WORDS]


def _matching(queryset, fields, words):
    conditions = [reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields)) for word in words]
    return queryset.filter(reduce(and_, conditions))


def _snippet(text, length=220):
    text = plain_text(text)
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"


def search(query):
    """Published items matching every word of `query`, best-known types first."""
    words = _words(normalise(query))
    if not words:
        return []
    tree = CategoryTree.load()
    public_ids = [pk for pk, category in tree.by_id.items() if tree.is_public(category)]
    strategies = _matching(
        Strategy.objects.published().in_categories(public_ids),
        ["title", "teacher_statement", "child_statement", "why", "how", "tags__name"],
        words,
    ).distinct()
    interventions = _matching(
        Intervention.objects.published(), ["name", "summary", "description", "tags__name"], words
    ).distinct()
    resources = _matching(
        Resource.objects.published(), ["title", "summary", "provider", "tags__name"], words
    ).distinct()
    categories = list(_matching(Category.objects.filter(pk__in=public_ids), ["name", "summary"], words))
    results = [Result("Category", c.name, c.get_absolute_url(), _snippet(c.summary)) for c in categories]
    results += [
        Result("Strategy", s.title, s.get_absolute_url(), _snippet(s.teacher_statement))
        for s in strategies.order_by("title")[:RESULTS_PER_TYPE]
    ]
    results += [
        Result("Intervention", i.name, i.get_absolute_url(), _snippet(i.summary))
        for i in interventions.order_by("name")[:RESULTS_PER_TYPE]
    ]
    results += [
        Result("Resource", r.title, r.get_absolute_url(), _snippet(r.summary))
        for r in resources.order_by("title")[:RESULTS_PER_TYPE]
    ]
    return results
