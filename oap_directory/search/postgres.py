"""PostgreSQL full-text search: a weighted tsvector with a GIN index, websearch-style
queries built from the parsed query, ranking, ts_headline snippets and pg_trgm for typos."""

import difflib
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.functions import Concat

from oap_directory.models import SearchDocument, SearchTerm
from oap_directory.search.documents import DISPLAY_FIELDS

CONFIG = "english"
START, STOP = "⟪", "⟫"
WEIGHTS = [0.1, 0.3, 0.6, 1.0]  # D, C, B, A
NORMALISATION = 1  # divide by 1 + log(length), so long documents don't win by size alone


def update_vectors(ids=None):
    vector = (
        SearchVector("title", "statements", weight="A", config=CONFIG)
        + SearchVector("summary", "tag_names", "category_names", weight="B", config=CONFIG)
        + SearchVector("body", weight="D", config=CONFIG)
    )
    documents = SearchDocument.objects.all() if ids is None else SearchDocument.objects.filter(pk__in=ids)
    documents.update(search_vector=vector)


def _term_query(term):
    kind = "phrase" if " " in term.word else "plain"  # a multi-word vocabulary term, e.g. "selective mutism"
    options = [SearchQuery(term.word, search_type=kind, config=CONFIG)]
    options += [SearchQuery(alt, search_type="phrase", config=CONFIG) for alt in term.alternatives]
    return reduce(or_, options)


def build_query(parsed, any_term=False, with_exclusions=True):
    parts = [_term_query(term) for term in parsed.terms]
    parts += [SearchQuery(phrase, search_type="phrase", config=CONFIG) for phrase in parsed.phrases]
    query = reduce(or_ if any_term else and_, parts)
    if with_exclusions:
        for word in parsed.exclusions:
            query = query & ~SearchQuery(word, search_type="plain", config=CONFIG)
    return query


FIELDS = ["id", "type", "title", "category_ids", "level", "level_order", "phases", "kind", "rank"]


def matches(parsed, documents, any_term=False, limit=None):
    """Every matching document among `documents` (facet fields and rank; or the best `limit`), best first."""
    query = build_query(parsed, any_term)
    ranking = build_query(parsed, any_term, with_exclusions=False)  # ts_rank misjudges negated terms
    rows = (
        documents.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), ranking, weights=WEIGHTS, normalization=NORMALISATION))
        .order_by("-rank", "title")
        .values_list(*FIELDS)
    )
    # Run as plain SQL: these fields need no conversion, and thousands of rows read through the ORM's
    # iterator cost more time than the query itself.
    sql, params = (rows[:limit] if limit else rows).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [dict(zip(FIELDS, row, strict=True)) for row in cursor.fetchall()]


def matching_ids(parsed, documents, any_term=False):
    """The ids of every matching document among `documents`, unranked and in no order: the index alone answers."""
    return list(documents.filter(search_vector=build_query(parsed, any_term)).order_by().values_list("id", flat=True))


def snippets(parsed, ids, any_term=False):
    query = build_query(parsed, any_term)
    text = Concat("statements", Value(" "), "summary", Value(" "), "body", output_field=TextField())
    rows = (
        SearchDocument.objects.filter(pk__in=ids)
        .only(*DISPLAY_FIELDS)
        .annotate(
            snippet=SearchHeadline(
                text, query, config=CONFIG, start_sel=START, stop_sel=STOP, max_words=30, min_words=12, max_fragments=2
            )
        )
    )
    return {row.pk: (row, row.snippet) for row in rows}


def similar_word(word):
    """The indexed word most like `word`, with its similarity (0–1).

    pg_trgm finds candidates through its index; difflib then judges them the same way
    as on SQLite, so "confident" means the same on both databases.
    """
    candidates = (
        SearchTerm.objects.annotate(similarity=TrigramSimilarity("word", word))
        .filter(word__trigram_similar=word)
        .order_by("-similarity", "-frequency")
        .values_list("word", flat=True)[:10]
    )
    scored = [(difflib.SequenceMatcher(None, word, candidate).ratio(), candidate) for candidate in candidates]
    if not scored:
        return None, 0.0
    similarity, best = max(scored)
    return best, similarity
