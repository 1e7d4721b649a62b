"""Which documents match a parsed query, best first.

Every word must match first; when that finds little, items matching at least half of
the words join them, ranked by how many (and how rare) the words they match are. A title holding the query's words,
the whole query found as typed, strategies, and items for a phase the query names
("KS2", "year 4") rank higher.
"""

import functools
import math
import re
from collections import Counter
from operator import mul

from django.db.models import Case, FloatField, Value, When

from oap_directory.models import SearchDocument
from oap_directory.search.documents import rows_for, texts
from oap_directory.search.query import ParsedQuery, spells, whole_phrase

LITTLE = 3  # fewer results than this counts as "little"
# Strategies are what teachers come for; the others support them.
TYPE_BOOST = {"strategy": 1.0, "intervention": 0.75, "category": 0.5, "resource": 0.6}
PHRASE_CANDIDATES = 50
TITLE_CANDIDATES = 200
TITLE_BOOST = 1.0  # a title that holds every word of the query doubles the score
PHASE_BOOST = 2.0  # an item for the phase a key stage or year group names


def find(engine, parsed, documents, facts):
    """(rows best first, whether only some words matched). `facts` is documents.match_facts()."""
    rows = ranked(engine, parsed, documents, facts)
    if len(rows) >= LITTLE or len(parsed.terms) < 2:
        return rows, False
    more = partial(engine, parsed, documents, facts, {row["id"] for row in rows})
    if not more:
        return rows, False
    return rows + more, True


def listing(engine, documents, facts):
    """Every document, strategies first, in a stable order (items alike in all but when they were added, in that
    order): for filters without words."""
    order = Case(
        *(When(type=name, then=Value(-boost)) for name, boost in TYPE_BOOST.items()),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return rows_for(list(documents.order_by(order, "level_order", "title", "id").values_list("id", flat=True)), facts)


@functools.lru_cache(maxsize=50_000)
def _title_forms(title):
    """The title in lower case, and its words (hyphens split them) each after a space: the same titles come up
    search after search."""
    title = title.lower()
    return title, " " + " ".join(title.replace("-", " ").split())


def title_matcher(parsed):
    """A function giving the share of the query's terms found in a title: a word of the title starting with the
    term's stem-like prefix, or the term or one of its alternatives anywhere in it. Prepared once per query."""
    if not parsed.terms:
        return lambda title: 0.0
    checks = []
    for term in parsed.terms:
        prefix = term.word[: max(4, len(term.word) - 3)]
        # A title word never holds a space, so a prefix with one never starts a word.
        starts_a_word = None if " " in prefix else " " + prefix
        anywhere = re.compile("|".join(re.escape(text) for text in [term.word, *term.alternatives]))
        checks.append((starts_a_word, anywhere.search))

    def share(title):
        title, words = _title_forms(title)
        found = 0
        for starts_a_word, anywhere in checks:
            if (starts_a_word is not None and starts_a_word in words) or anywhere(title):
                found += 1
        return found / len(checks)

    return share


def _containing(phrase, texts):
    """Which of these documents ({id: text}) hold the words exactly as typed, e.g. “can't sit still”."""
    return {pk for pk, text in texts.items() if phrase in text.lower().replace("’", "'")}


def _weights(facts):
    """{id: how much a match on the document counts}, by its type."""
    return {pk: TYPE_BOOST.get(fact["type"], 1.0) for pk, fact in facts.items()}


def _best_first(parsed, found, facts):
    """The documents found ((id, rank) pairs) as rows (their facts), best first: by weighted rank, strategies
    slightly favoured, items for a hinted phase first; then titles holding the query's words reorder the best.
    Equal scores are in order of rank (a category ranked twice as high as a strategy scores the same), then of
    title.

    Thousands of matches pass through here, so each step works on whole columns (ids, ranks, scores) at once,
    and the matches are sorted by place in title order, then rank, then score, each sort stable."""
    ids, ranks = zip(*found, strict=True) if found else ((), ())
    if not all(map(facts.__contains__, ids)):
        facts = facts.including(ids)
        found = [(pk, rank) for pk, rank in found if pk in facts]  # not deleted since
        ids, ranks = zip(*found, strict=True) if found else ((), ())
    if None in ranks:
        ranks = [rank or 0.0 for rank in ranks]
    scores = list(map(mul, ranks, map(facts.derived("type weights", _weights).__getitem__, ids)))
    hinted = [f"|{slug}|" for slug in parsed.phase_hints]
    if hinted:
        scores = [
            score * PHASE_BOOST if any(marker in (facts[pk]["phases"] or "") for marker in hinted) else score
            for pk, score in zip(ids, scores, strict=True)
        ]  # fmt: skip
    places = sorted(range(len(ids)), key=list(map(facts.orders().__getitem__, ids)).__getitem__)
    places.sort(key=ranks.__getitem__, reverse=True)  # stable, reversed or not
    places.sort(key=scores.__getitem__, reverse=True)
    share = title_matcher(parsed)
    best = places[:TITLE_CANDIDATES]
    boosted = {place: scores[place] * (1 + TITLE_BOOST * share(facts[ids[place]]["title"])) for place in best}
    best.sort(key=boosted.__getitem__, reverse=True)  # stable: equal scores keep the order above
    return [facts[ids[place]] for place in best] + [facts[ids[place]] for place in places[TITLE_CANDIDATES:]]


def ranked(engine, parsed, documents, facts):
    """Items matching every word, best first: the whole query as typed, then together, then by score.

    The title preference only reorders the best TITLE_CANDIDATES matches, and the phrase check only the
    PHRASE_CANDIDATES of those holding the words together that match best (by rank alone, as the words' weight in
    each part of the item says: a title holding them counts most): below them order barely matters, and looking
    costs time per match (the check reads what each item says).
    """
    found = engine.matches(parsed, documents, facts)
    rows = _best_first(parsed, found, facts)
    phrase = whole_phrase(parsed)
    if phrase and len(rows) > 1:
        rank = dict(found)
        # The whole query as one phrase is asked of the index itself: no other search asks for it.
        holding = [pk for pk in engine.matching_ids(phrase, documents) if pk in rank]
        orders = facts.including(holding).orders()
        holding.sort(key=lambda pk: (-(rank[pk] or 0), orders.get(pk, len(orders))))
        together = holding[:PHRASE_CANDIDATES]
        exact = _containing(phrase.phrases[0], texts(together))
        together = set(together)
        rows.sort(key=lambda row: (row["id"] not in exact, row["id"] not in together))
    return rows


def partial(engine, parsed, documents, facts, already):
    """Items matching at least half of the query's words (but not all of them).

    Ranked by how many words they match, each word weighted by how rare it is (its inverse document
    frequency), so that "hits" outweighs "children": a match on a word few items use says more. Before that,
    items matching more of the words the vocabulary explains (words with synonyms) come first, though those
    synonyms find many items: in "hides under the table", "hides" says more than "table". An item must match
    at least one word that names something: "still" alone brings in nothing.
    """
    needed = math.ceil(len(parsed.terms) / 2)
    meaningful = {term.word for term in parsed.meaningful_terms}
    naming = set()
    total = max(documents.count(), 1)
    matched, explained, weight = Counter(), Counter(), Counter()
    for term in parsed.terms:
        single = ParsedQuery(text=term.word, terms=[term], exclusions=parsed.exclusions)
        ids = engine.matching_ids(single, documents, facts)
        rarity = math.log(1 + total / max(len(ids), 1))
        for pk in ids:
            matched[pk] += 1
            explained[pk] += bool(term.alternatives)
            weight[pk] += rarity
        if term.word in meaningful:
            naming.update(ids)
    rows = [
        row
        for row in _best_first(parsed, engine.matches(parsed, documents, facts, any_term=True), facts)
        if row["id"] not in already and matched[row["id"]] >= needed and row["id"] in naming
    ]
    rows.sort(key=lambda row: (-explained[row["id"]], -weight[row["id"]]))  # stable: the best score first among equals
    return rows


def naming(parsed, rows):
    """The ids of the rows whose title, statements or summary name every acronym typed (ADHD, or what it stands
    for), when the query is only acronyms typed in capitals: the person named something, and items that name it
    come before items suggested for what teachers notice. Otherwise none."""
    if not parsed.terms or not all(term.in_capitals for term in parsed.terms) or not rows:
        return set()
    patterns = [
        re.compile(
            r"\b(?:"
            + "|".join(
                re.escape(name) for name in [term.word, *filter(lambda alt: spells(term.word, alt), term.alternatives)]
            )
            + r")\b"
        )
        for term in parsed.terms
    ]
    texts = SearchDocument.objects.filter(pk__in=[row["id"] for row in rows]).values_list(
        "pk", "title", "statements", "summary"
    )
    return {
        pk
        for pk, *fields in texts
        if all(pattern.search(" ".join(fields).lower().replace("-", " ")) for pattern in patterns)
    }
