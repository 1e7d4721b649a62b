"""Search filters and facet counts, in SQL over SearchDocument.

A filter may repeat: OR within a parameter, AND across parameters. Each facet counts
the results with every *other* facet's filter applied, so ticking an option never hides
the other options of the same facet.
"""

from functools import reduce
from operator import or_

from django.db.models import Count, Q

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


def _grouped_counts(documents, field):
    return dict(documents.order_by().values_list(field).annotate(n=Count("id")).values_list(field, "n"))


def _marker_counts(documents, field, values, marker):
    if not values:
        return {}
    counts = documents.aggregate(
        **{f"c{i}": Count("id", filter=Q(**{f"{field}__contains": marker(value)})) for i, value in enumerate(values)}
    )
    return {value: counts[f"c{i}"] for i, value in enumerate(values)}


def counts(matched, selected, tree, phases):
    """{facet: {value: count}} over the matched documents, one query per facet."""
    public = tree.public()
    return {
        "type": _grouped_counts(matched.filter(conditions(selected, tree, skip="type")), "type"),
        "level": _grouped_counts(matched.filter(conditions(selected, tree, skip="level")), "level"),
        "phase": _marker_counts(
            matched.filter(conditions(selected, tree, skip="phase")),
            "phases",
            [phase.slug for phase in phases],
            lambda slug: f"|{slug}|",
        ),
        "category": _marker_counts(
            matched.filter(conditions(selected, tree, skip="category")),
            "category_ids",
            [category.pk for category in public],
            lambda pk: f"|{pk}|",
        ),
    }


def area_groups(tree, selected, category_counts):
    """The area facet: areas and sub-areas grouped under their framework, with counts."""
    return category_filter_groups(tree, selected, category_counts)
