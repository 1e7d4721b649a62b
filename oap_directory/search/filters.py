"""Search filters, in SQL over SearchDocument, and facet counts over the results.

A filter may repeat: OR within a parameter, AND across parameters. Each facet counts the
results, which every chosen filter has already narrowed.
"""

from collections import Counter
from functools import reduce
from operator import or_

from django.db.models import Q

from categories.category_filter import category_filter_groups

FACETS = ("type", "category", "level", "phase", "kind")


def _any(field, values, marker):
    return reduce(or_, (Q(**{f"{field}__contains": marker(value)}) for value in values))


def conditions(selected, tree, skip=None):
    """A Q object for the chosen filters (all but `skip`)."""
    q = Q()
    if skip != "type" and selected["type"]:
        q &= Q(type__in=selected["type"])
    if skip != "category" and selected["category"]:
        ids = [tree.by_slug[slug].pk for slug in selected["category"] if slug in tree.by_slug]
        if ids:  # category_ids lists every ancestor too, so a category's own id finds its descendants' items
            q &= _any("category_ids", ids, lambda pk: f"|{pk}|")
    if skip != "level" and selected["level"]:
        q &= Q(level__in=selected["level"])
    if skip != "phase" and selected["phase"]:
        q &= _any("phases", selected["phase"], lambda slug: f"|{slug}|")
    if skip != "kind" and selected["kind"]:
        q &= Q(kind__in=selected["kind"])
    return q


def _marker_counts(rows, field, values, marker):
    """{value: how many rows' `field` holds marker(value)}, reading each distinct field value once."""
    distinct = Counter(row[field] or "" for row in rows)
    return {value: sum(n for joined, n in distinct.items() if marker(value) in joined) for value in values}


def counts(rows, tree, phases):
    """{facet: {value: count}} over the results, `rows` as the backends give them (every chosen filter applied).

    Counted in Python from the rows search has already read: asking the database again would match every
    document against the query once more for each facet."""
    return {
        "type": dict(Counter(row["type"] for row in rows)),
        "level": dict(Counter(row["level"] for row in rows)),
        "phase": _marker_counts(rows, "phases", [phase.slug for phase in phases], lambda slug: f"|{slug}|"),
        "category": _marker_counts(
            rows, "category_ids", [category.pk for category in tree.public()], lambda pk: f"|{pk}|"
        ),
    }


def area_groups(tree, selected, category_counts):
    """The area facet: areas and sub-areas grouped under their framework, with counts."""
    return category_filter_groups(tree, selected, category_counts)
