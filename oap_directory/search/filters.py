"""Search filters, in SQL over SearchDocument, and facet counts over the results.

A filter may repeat: OR within a parameter, AND across parameters. Each facet counts the
results, which every chosen filter has already narrowed.
"""

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


def _listed(joined):
    """The values a joined field lists: "|3|7|" -> {"3", "7"}."""
    return set(joined.strip("|").split("|")) - {""} if joined else set()


def _facet_sets(facts):
    """{facet: {value: the documents with it, as the bits of an int at their places in title order}}, for
    documents.match_facts(): worked out once per content version."""
    size = len(facts) // 8 + 1
    sets = {"type": {}, "level": {}, "phase": {}, "category": {}}

    def add(facet, value, order):
        bits = sets[facet].get(value)
        if bits is None:
            bits = sets[facet][value] = bytearray(size)
        bits[order >> 3] |= 1 << (order & 7)

    for fact in facts.values():
        order = fact["order"]
        add("type", fact["type"], order)
        add("level", fact["level"], order)
        for slug in _listed(fact["phases"]):
            add("phase", slug, order)
        for pk in _listed(fact["category_ids"]):
            add("category", pk, order)
    return {
        facet: {value: int.from_bytes(bits, "little") for value, bits in values.items()}
        for facet, values in sets.items()
    }


def _as_set(places, size):
    """These places in title order, as the bits of an int."""
    bits = bytearray(size // 8 + 1)
    for place in places:
        bits[place >> 3] |= 1 << (place & 7)
    return int.from_bytes(bits, "little")


def counts(rows, tree, phases, facts):
    """{facet: {value: count}} over the results, `rows` as search reads them (every chosen filter applied, each row
    once) from `facts` (documents.match_facts()).

    Counted in Python from the rows search has already read (asking the database would match every document
    against the query again for each facet): the rows as one set of bits, and for each value the bits of the
    documents with it, worked out once per content version; the count is how many bits the two share. Each row's
    place is read from the facts the sets were made from: a row indexed since they were read has its place there."""
    ids = list(map(itemgetter("id"), rows))
    if not all(map(facts.__contains__, ids)):
        facts = facts.including(ids)
    orders = facts.orders()
    found = _as_set((place for place in map(orders.get, ids) if place is not None), len(facts))
    sets = facts.derived("facet sets", _facet_sets)

    def counted(facet, values):
        return {value: (found & sets[facet][str(value)]).bit_count() if str(value) in sets[facet] else 0
                for value in values}  # fmt: skip

    return {
        "type": {value: n for value, n in counted("type", sets["type"]).items() if n},
        "level": {value: n for value, n in counted("level", sets["level"]).items() if n},
        "phase": counted("phase", [phase.slug for phase in phases]),
        "category": counted("category", [category.pk for category in tree.public()]),
    }


def area_groups(tree, selected, category_counts):
    """The area facet: areas and sub-areas grouped under their framework, with counts."""
    return category_filter_groups(tree, selected, category_counts)
