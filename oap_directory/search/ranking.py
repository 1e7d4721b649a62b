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
from operator import itemgetter

from django.db.models import Case, FloatField, Value, When

from oap_directory.models import SearchDocument
from oap_directory.search.documents import rows_for, with_facts
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
    """Every document, strategies first, in a stable order: for filters without words."""
    order = Case(
        *(When(type=name, then=Value(-boost)) for name, boost in TYPE_BOOST.items()),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return rows_for(list(documents.order_by(order, "level_order", "title").values_list("id", flat=True)), facts)


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


def _best_first(parsed, found, facts):
    """The documents found ((id, rank) pairs) as rows (their facts), best first: by weighted rank, strategies
    slightly favoured, items for a hinted phase first; then titles holding the query's words reorder the best.
    Equal scores are in order of rank (a category ranked twice as high as a strategy scores the same), then of
    title.

    Thousands of matches pass through here: each is a (negated score, negated rank, place in title order, facts)
    tuple, sorted by title order, then rank, then score, each sort stable (sorting on one number at a time is
    several times faster than on tuples)."""
    hinted = [f"|{slug}|" for slug in parsed.phase_hints]
    scored = [
        (-(rank or 0) * TYPE_BOOST.get(fact["type"], 1.0), -(rank or 0), fact["order"], fact)
        for fact, rank in with_facts(found, facts)
    ]
    if hinted:
        scored = [
            (score * PHASE_BOOST, rank, order, fact) if any(marker in (fact["phases"] or "") for marker in hinted)
            else (score, rank, order, fact)
            for score, rank, order, fact in scored
        ]  # fmt: skip
    for key in (2, 1, 0):
        scored.sort(key=itemgetter(key))
    title_match = title_matcher(parsed)
    best = [
        (score * (1 + TITLE_BOOST * title_match(fact["title"])), fact)
        for score, _, _, fact in scored[:TITLE_CANDIDATES]
    ]
    best.sort(key=itemgetter(0))  # stable: equal scores keep the order above
    return [fact for _, fact in best] + [fact for *_, fact in scored[TITLE_CANDIDATES:]]


def ranked(engine, parsed, documents, facts):
    """Items matching every word, best first: the whole query as typed, then together, then by score.

    The title preference only reorders the best TITLE_CANDIDATES matches, and the phrase check only the
    best PHRASE_CANDIDATES: below them order barely matters, and looking costs time per match.
    """
    rows = _best_first(parsed, engine.matches(parsed, documents), facts)
    phrase = whole_phrase(parsed)
    if phrase and len(rows) > 1:
        together = engine.texts_of_best(phrase, documents, PHRASE_CANDIDATES)
        exact = _containing(phrase.phrases[0], together)
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
        ids = engine.matching_ids(single, documents)
        rarity = math.log(1 + total / max(len(ids), 1))
        for pk in ids:
            matched[pk] += 1
            explained[pk] += bool(term.alternatives)
            weight[pk] += rarity
        if term.word in meaningful:
            naming.update(ids)
    rows = [
        row
        for row in _best_first(parsed, engine.matches(parsed, documents, any_term=True), facts)
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
