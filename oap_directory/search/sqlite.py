"""SQLite full-text search: the FTS5 table `search_fts` (porter stemming), bm25
ranking with column weights, snippet(), and difflib for typos. Filters are SQL
conditions on SearchDocument, joined into the same statement."""

import difflib

from django.db import connection

from oap_directory.models import SearchDocument, SearchTerm
from oap_directory.search import filters
from oap_directory.search.documents import DISPLAY_FIELDS, DisplayRow

START, STOP = "⟪", "⟫"
# Column weights for bm25, in the table's column order:
# title, statements, summary, tag_names, category_names, body.
BM25 = "bm25(search_fts, 10.0, 8.0, 4.0, 4.0, 3.0, 1.0)"
TABLE = SearchDocument._meta.db_table


def _quoted(text):
    """Every FTS5 token is quoted, so nothing a user types is read as an operator."""
    return '"' + text.replace('"', '""') + '"'


def build_match(parsed, any_term=False):
    groups = []
    for term in parsed.terms:
        options = [_quoted(term.word), *(_quoted(alt) for alt in term.alternatives)]
        groups.append("(" + " OR ".join(options) + ")")
    groups += [_quoted(phrase) for phrase in parsed.phrases]
    expression = (" OR " if any_term else " AND ").join(groups)
    if parsed.exclusions:
        expression = "(" + expression + ")" + "".join(f" NOT {_quoted(word)}" for word in parsed.exclusions)
    return expression


# Snippets come from what an item says (statements, summary, body), never its title, tags or category path.
SNIPPET_COLUMNS = (1, 2, 5)


def _first_snippet_with_a_match():
    """SQL for the snippet of the first of SNIPPET_COLUMNS that holds a match, else of the last. A column's snippet is
    made only when the ones before it hold none (a snippet reads the whole column: the body is long), and made twice
    when it holds one (statements are short)."""
    snippet = f"snippet(search_fts, {{}}, '{START}', '{STOP}', '…', 24)".format
    *first, last = SNIPPET_COLUMNS
    found = " ".join(f"WHEN instr({snippet(column)}, '{START}') THEN {snippet(column)}" for column in first)
    return f"CASE {found} ELSE {snippet(last)} END"


SNIPPET = _first_snippet_with_a_match()


def _matching(parsed, documents, any_term):
    """The FROM and WHERE clauses selecting the matching documents among `documents`, with parameters. Without
    filters, the FTS5 table alone answers (its rowids are the documents' ids): select nothing but search_fts's own
    columns (rowid, bm25)."""
    within, within_params = filters.as_sql(documents)
    if not within:
        return "FROM search_fts WHERE search_fts MATCH %s", [build_match(parsed, any_term)]
    sql = f"FROM search_fts JOIN {TABLE} ON {TABLE}.id = search_fts.rowid WHERE search_fts MATCH %s{within}"
    return sql, [build_match(parsed, any_term), *within_params]


def matches(parsed, documents, any_term=False):
    """(id, rank) for every matching document among `documents`, in no order. Without filters, the FTS5 table
    alone answers: what ranking and the facets read of each match is kept in memory (documents.match_facts)."""
    matching, params = _matching(parsed, documents, any_term)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT search_fts.rowid, -{BM25} {matching}", params)
        return cursor.fetchall()


def matching_ids(parsed, documents, any_term=False, limit=None):
    """The ids of every matching document among `documents` (or of any `limit` of them), unranked and in no order."""
    matching, params = _matching(parsed, documents, any_term)
    sql = f"SELECT search_fts.rowid {matching}"
    if limit:
        sql += " LIMIT %s"
        params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


def snippets(parsed, ids, any_term=False):
    if not ids:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    # "+rowid" keeps the list of ids out of the FTS5 table's own lookup: given them, FTS5 runs the whole
    # full-text query again for each id; without them it runs it once and SQLite keeps the rows asked for.
    sql = (
        f"SELECT search_fts.rowid, {SNIPPET} FROM search_fts "
        f"WHERE search_fts MATCH %s AND +search_fts.rowid IN ({placeholders})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [build_match(parsed, any_term), *ids])
        found = {pk: text if START in text else "" for pk, text in cursor.fetchall()}
        # What each result shows, as plain rows: the same statement every time, nothing for the ORM to build.
        cursor.execute(f"SELECT {', '.join(DISPLAY_FIELDS)} FROM {TABLE} WHERE id IN ({placeholders})", ids)
        rows = [DisplayRow._make(row) for row in cursor.fetchall()]
    return {row.id: (row, found.get(row.id, "")) for row in rows}


def merge_index():
    """Merge the full-text index into one segment (FTS5's 'optimize'). Each change adds a segment, which FTS5 merges
    a few at a time; a search reads every segment's entries for each word (a quarter of a search's time in SQLite on
    10,000 strategies loaded one by one)."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES('optimize')")


def similar_word(word):
    """The indexed word most like `word`, with its similarity (0–1)."""
    candidates = list(
        SearchTerm.objects.filter(word__startswith=word[:1])
        .order_by("-frequency")
        .values_list("word", flat=True)[:5000]
    )
    best = difflib.get_close_matches(word, candidates, n=1, cutoff=0.7)
    if not best:
        return None, 0.0
    return best[0], difflib.SequenceMatcher(None, word, best[0]).ratio()
