"""Search filters, in SQL over SearchDocument, and facet counts over the results.

A filter may repeat: OR within a parameter, AND across parameters. Each facet counts the
results, which every chosen filter has already narrowed.
"""

from collections import Counter
from functools import reduce
from operator import itemgetter, or_

from django.db import connection
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


def as_sql(documents):
    """The filters applied to `documents` (a SearchDocument queryset) as conditions to add to a backend's own
    statement, with their parameters: " AND (…)", or "" when there are none. Checked on each matching row, they
    cost nothing for items that don't match (as a subquery they read every document, long texts included)."""
    if not documents.query.where:
        return "", []
    sql, params = documents.query.get_compiler(connection=connection).compile(documents.query.where)
    return f" AND ({sql})", list(params)


def _listed_counts(joined_counts, values):
    """{value: how many rows list it}, from {joined field value ("|3|7|"): number of rows with it}; each joined value
    is split once, however many values there are to count."""
    found = Counter()
    for joined, n in joined_counts.items():
        for value in set((joined or "").strip("|").split("|")):
            found[value] += n
    return {value: found.get(str(value), 0) for value in values}


def counts(rows, tree, phases):
    """{facet: {value: count}} over the results, `rows` as search reads them (every chosen filter applied).

    Counted in Python from the rows search has already read (asking the database would match every document
    against the query again for each facet), one facet at a time: the rows share few values of each field (a few
    dozen combinations of categories, fewer of phases), where they share many combinations of all four."""
    return {
        "type": dict(Counter(map(itemgetter("type"), rows))),
        "level": dict(Counter(map(itemgetter("level"), rows))),
        "phase": _listed_counts(Counter(map(itemgetter("phases"), rows)), [phase.slug for phase in phases]),
        "category": _listed_counts(
            Counter(map(itemgetter("category_ids"), rows)), [category.pk for category in tree.public()]
        ),
    }


def area_groups(tree, selected, category_counts):
    """The area facet: areas and sub-areas grouped under their framework, with counts."""
    return category_filter_groups(tree, selected, category_counts)
