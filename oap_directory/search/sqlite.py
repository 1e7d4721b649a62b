"""SQLite full-text search: the FTS5 table `search_fts` (porter stemming), bm25
ranking with column weights, snippet(), and difflib for typos.

A search's matches and their bm25 ranks are put together from what each of the query's words and phrases finds
alone, which a process keeps for the content version it was read at (`KeptMatches`, decision 019), with the
documents each choice of filters leaves: a word searched for before under the version costs no reading of the
index. The whole query as one phrase, a check that a word is found at all, and the snippets ask FTS5 each time."""

import difflib
import threading
from collections import OrderedDict
from itertools import chain, repeat
from operator import add

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


def _groups(parsed):
    """The query's words and phrases as FTS5 reads them (build_match), in the same order: each term with its
    alternatives, then each quoted phrase alone."""
    return [[term.word, *term.alternatives] for term in parsed.terms] + [[phrase] for phrase in parsed.phrases]


def build_match(parsed, any_term=False):
    """The FTS5 query: every group (or any, with `any_term`), each the OR of its words and phrases, without the
    exclusions."""
    groups, terms = _groups(parsed), len(parsed.terms)
    written = ["(" + " OR ".join(map(_quoted, group)) + ")" for group in groups[:terms]]
    written += [_quoted(phrase) for (phrase,) in groups[terms:]]
    expression = (" OR " if any_term else " AND ").join(written)
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


# What a process keeps (KeptMatches) is counted in entries: a document a word finds, or that a choice of filters
# leaves, or one word or choice kept (those that find nothing count too). About 150 bytes each: 75 MB at most, which
# only a site with tens of thousands of items comes near; a council's few hundred items keep well under 1 MB.
KEPT_ENTRIES = 500_000


class KeptMatches:
    """What the full-text index finds for each word or phrase searched for, with its share of the bm25 score, and
    which documents each choice of filters leaves: read once per content version (kept with the documents' facts
    for the version, documents.MatchFacts), the least recently used dropped beyond KEPT_ENTRIES."""

    def __init__(self, limit=KEPT_ENTRIES):
        self._kept, self._size, self._limit = OrderedDict(), 0, limit
        self._lock = threading.Lock()  # a process's threads share it (GUNICORN_THREADS, the development server)

    def _kept_or_read(self, key, read):
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        found = read()  # two threads may both read it: the database is not asked while holding the lock
        with self._lock:
            if key not in self._kept:
                self._kept[key] = found
                self._size += len(found) + 1
            while self._size > self._limit and len(self._kept) > 1:
                self._size -= len(self._kept.popitem(last=False)[1]) + 1
        return found

    def of(self, phrase):
        """{id: the phrase's share of the bm25 score} for every document holding the word or phrase."""
        return self._kept_or_read(("phrase", phrase), lambda: _shares(phrase))

    def within(self, documents):
        """The ids of `documents` (a SearchDocument queryset, the filters chosen applied), or None for all."""
        condition, params = filters.as_sql(documents)
        if not condition:
            return None
        return self._kept_or_read(("within", condition, *params), lambda: _ids_where(condition, params))


def _shares(phrase):
    """{id: share} from FTS5: bm25 for the phrase alone is its share of the score of any query naming it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid, -{BM25} FROM search_fts WHERE search_fts MATCH %s", [_quoted(phrase)])
        return dict(cursor.fetchall())


def _ids_where(condition, params):
    """The ids of the documents meeting these conditions (filters.as_sql). It reads every document: once per
    choice of filters and content version, where asking for each match read only the matches, on every search."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {TABLE} WHERE 1 = 1{condition}", params)  # noqa: S608
        return frozenset(pk for (pk,) in cursor.fetchall())


def _kept_matches(parsed, documents, facts, any_term):
    """(what each of the query's words and phrases finds, in build_match's order; the ids of the documents among
    `documents` that match: every group, or any with `any_term`, and no exclusion), from what is kept with
    `facts`."""
    kept = facts.derived("kept matches", lambda facts: KeptMatches())
    found = [[kept.of(phrase) for phrase in group] for group in _groups(parsed)]
    if not found:
        return found, set()
    per_group = [words[0].keys() if len(words) == 1 else set().union(*words) for words in found]
    if any_term:
        ids = set().union(*per_group)
    else:
        smallest, *rest = sorted(per_group, key=len)
        ids = set(smallest).intersection(*rest)
    for word in parsed.exclusions:
        ids.difference_update(kept.of(word).keys())
    within = kept.within(documents)
    return found, ids if within is None else ids & within


def _matching(parsed, documents, any_term):
    """The FROM and WHERE clauses selecting the matching documents among `documents`, with parameters, for asking
    FTS5 itself. Without filters, the FTS5 table alone answers (its rowids are the documents' ids)."""
    within, within_params = filters.as_sql(documents)
    if not within:
        return "FROM search_fts WHERE search_fts MATCH %s", [build_match(parsed, any_term)]
    sql = f"FROM search_fts JOIN {TABLE} ON {TABLE}.id = search_fts.rowid WHERE search_fts MATCH %s{within}"
    return sql, [build_match(parsed, any_term), *within_params]


def matches(parsed, documents, facts=None, any_term=False):
    """(id, rank) for every matching document among `documents`, in no order: the rank is FTS5's bm25 for the whole
    query (build_match).

    Given `facts` (documents.match_facts() of the content version), put together from what each of the query's words
    and phrases finds alone, kept with the facts (KeptMatches): bm25 is a sum over the query's phrases, each weighed
    by how many documents hold it, which FTS5 adds in the order the query names them; the same shares added in the
    same order give the same number (tests/search/test_search_costs.py compares them). A search then reads the
    index only for words not searched for before under the version. Without `facts`, FTS5 answers."""
    if facts is None:
        matching, params = _matching(parsed, documents, any_term)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT search_fts.rowid, -{BM25} {matching}", params)
            return cursor.fetchall()
    found, ids = _kept_matches(parsed, documents, facts, any_term)
    ids, ranks = list(ids), None
    # Phrase by phrase, each one's shares for every match added to the running totals (an exclusion is in no match:
    # its share would add nothing). Whole columns at a time: a search may have thousands of matches.
    for shares in chain.from_iterable(found):
        column = map(shares.get, ids, repeat(0.0))
        ranks = list(column) if ranks is None else list(map(add, ranks, column))
    return list(zip(ids, ranks or (), strict=True))


def matching_ids(parsed, documents, facts=None, any_term=False, limit=None):
    """The ids of every matching document among `documents` (or of any `limit` of them), unranked and in no order:
    from what is kept with `facts`, as `matches`; without them (the whole query as one phrase, which other searches
    seldom ask for; whether a word is found at all), FTS5 answers."""
    if facts is not None:
        ids = list(_kept_matches(parsed, documents, facts, any_term)[1])
        return ids[:limit] if limit else ids
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
