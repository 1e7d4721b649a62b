"""PostgreSQL full-text search: a weighted tsvector with a GIN index, websearch-style
queries built from the parsed query, ranking, ts_headline snippets and pg_trgm for typos."""

import difflib

from django.contrib.postgres.search import SearchVector, TrigramSimilarity
from django.db import connection

from oap_directory.models import SearchDocument, SearchTerm
from oap_directory.search import filters
from oap_directory.search.documents import DISPLAY_FIELDS, DisplayRow

CONFIG = "english"
START, STOP = "⟪", "⟫"
WEIGHTS = [0.1, 0.3, 0.6, 1.0]  # D, C, B, A
NORMALISATION = 1  # divide by 1 + log(length), so long documents don't win by size alone
HEADLINE_OPTIONS = f"StartSel='{START}', StopSel='{STOP}', MaxWords=30, MinWords=12, MaxFragments=2"


def update_vectors(ids=None):
    vector = (
        SearchVector("title", "statements", weight="A", config=CONFIG)
        + SearchVector("summary", "tag_names", "category_names", weight="B", config=CONFIG)
        + SearchVector("body", weight="D", config=CONFIG)
    )
    documents = SearchDocument.objects.all() if ids is None else SearchDocument.objects.filter(pk__in=ids)
    documents.update(search_vector=vector)


TABLE = SearchDocument._meta.db_table
INDEX = "search_document_vector_gin"  # migration 0002
FUNCTIONS = {"plain": "plainto_tsquery", "phrase": "phraseto_tsquery"}


def _tsquery_sql(parsed, any_term=False, with_exclusions=True):
    """The parsed query as tsquery SQL, with its parameters: each word or any of its alternatives (a word typed
    with spaces, and every alternative, as a phrase), every word and quoted phrase required (any one, with
    `any_term`), and none of the excluded words.

    Written as Django's SearchQuery objects would compile, in the same nesting, but directly: compiling them took a
    third as long as PostgreSQL took to run the search."""

    def one(text, kind):
        return f"{FUNCTIONS[kind]}(%s::regconfig, %s)", [CONFIG, text]

    def combined(parts, operator):
        sql, params = parts[0]
        for part_sql, part_params in parts[1:]:
            sql, params = f"({sql} {operator} {part_sql})", [*params, *part_params]
        return sql, params

    def term_sql(term):
        first = one(term.word, "phrase" if " " in term.word else "plain")
        return combined([first, *(one(alt, "phrase") for alt in term.alternatives)], "||")

    parts = [term_sql(term) for term in parsed.terms] + [one(phrase, "phrase") for phrase in parsed.phrases]
    sql, params = combined(parts, "||" if any_term else "&&")
    if with_exclusions:
        for word in parsed.exclusions:
            excluded, excluded_params = one(word, "plain")
            sql, params = f"({sql} && !!({excluded}))", [*params, *excluded_params]
    return sql, params


def matches(parsed, documents, facts=None, any_term=False):
    """(id, rank) for every matching document among `documents`, in no order (what ranking and the facets read of
    each match is kept in memory: documents.match_facts; `facts`, which SQLite keeps each word's matches with, is not
    needed: the GIN index answers a whole query at once).

    Plain SQL, written directly: thousands of rows read through the ORM's iterator, or the query built through
    it, cost more time than the query itself."""
    query, query_params = _tsquery_sql(parsed, any_term)
    ranking, ranking_params = _tsquery_sql(parsed, any_term, with_exclusions=False)  # ts_rank misjudges negations
    within, within_params = filters.as_sql(documents)
    sql = (
        f'SELECT "{TABLE}"."id", ts_rank((%s)::float4[], "{TABLE}"."search_vector", {ranking}, {NORMALISATION:d}) '
        f'FROM "{TABLE}" WHERE "{TABLE}"."search_vector" @@ ({query}){within}'
    )
    params = [WEIGHTS, *ranking_params, *query_params, *within_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def merge_index():
    """Move the GIN index's pending entries (recent changes, kept in a list that every search reads in full) into
    the index proper, as autovacuum does from time to time. Only the index's owner may (the user that ran the
    migrations)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [INDEX])


def matching_ids(parsed, documents, facts=None, any_term=False, limit=None):
    """The ids of every matching document among `documents` (or of any `limit` of them), unranked and in no order:
    the index alone answers."""
    query, params = _tsquery_sql(parsed, any_term)
    within, within_params = filters.as_sql(documents)
    sql = f'SELECT "{TABLE}"."id" FROM "{TABLE}" WHERE "{TABLE}"."search_vector" @@ ({query}){within}'
    params = [*params, *within_params]
    if limit:
        sql += " LIMIT %s"
        params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


# Snippets come from what an item says, never its title, tags or category path: the first of these whose headline
# marks a match, else the last (as on SQLite). A headline reads its whole text, and the body is long.
SNIPPET_FIELDS = ("statements", "summary", "body")


def snippets(parsed, ids, any_term=False):
    """{id: (what the result shows, its snippet)}: the best passages of the first of its statements, summary and
    body whose headline marks a match, as on SQLite (a column's headline is made twice when it marks one: statements
    and summaries are short); no snippet ("") when none does."""
    if not ids:
        return {}
    query, query_params = _tsquery_sql(parsed, any_term)
    columns = ", ".join(f'"{TABLE}"."{field}"' for field in DISPLAY_FIELDS)

    def headline(field):
        return f'ts_headline(%s::regconfig, "{TABLE}"."{field}", {query}, %s)', [
            CONFIG,
            *query_params,
            HEADLINE_OPTIONS,
        ]

    *first, last = SNIPPET_FIELDS
    cases, params = [], []
    for field in first:
        sql, headline_params = headline(field)
        cases.append(f"WHEN strpos({sql}, %s) > 0 THEN {sql}")
        params += [*headline_params, START, *headline_params]
    otherwise, otherwise_params = headline(last)
    placeholders = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT {columns}, CASE {' '.join(cases)} ELSE {otherwise} END "
        f'FROM "{TABLE}" WHERE "{TABLE}"."id" IN ({placeholders})'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *otherwise_params, *ids])
        return {
            row[0]: (DisplayRow._make(row[:-1]), row[-1] if START in (row[-1] or "") else "")
            for row in cursor.fetchall()
        }


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
