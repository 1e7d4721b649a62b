"""Search logging with nothing personal in it.

Only what was typed (and, after a correction, what was searched), the filters, the
number of results and the time are kept: no IP address, no cookie, no user. Dates,
email addresses, phone numbers and names (from the names list in data/names.txt) are
redacted before anything is stored, so editors only ever see redacted queries.
Unknown jargon stays visible: it is what editors need to see. Logs are kept 90 days.
"""

import re
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from oap_directory.models import SearchLog, SearchTerm, Synonym
from oap_directory.search.query import FILLER_WORDS, STOP_WORDS

KEEP_DAYS = 90
NAMES_FILE = Path(__file__).parent / "data" / "names.txt"
EMAIL = re.compile(r"\S+@\S+")
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(
    rf"\b(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{2,4}})?"
    rf"|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|{MONTH}\s+\d{{4}})\b",
    re.IGNORECASE,
)
PHONE = re.compile(r"(?:\+?\d[\d ()-]{7,}\d)")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@cache
def names():
    """Every name on the list, lower case."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.split("#")[0].strip().lower() for line in lines if line.split("#")[0].strip() and not line.startswith("[")
    )


def _synonym_words():
    """Every word of every synonym and its alternatives, lower case."""
    words = set()
    for synonym in Synonym.objects.all():
        words.update(" ".join([synonym.term, *synonym.alternatives()]).lower().split())
    return words


def _ordinary_words(words, synonym_words=None):
    """Which of `words` are also ordinary words here: in the content, the synonyms, or filler.

    `synonym_words`: the synonyms' words, when the caller has them (read from the database otherwise)."""
    lowered = {word.lower() for word in words}
    known = set(SearchTerm.objects.filter(word__in=lowered).values_list("word", flat=True))
    known |= _synonym_words() if synonym_words is None else synonym_words
    return (known | STOP_WORDS | FILLER_WORDS) & lowered


def _name_positions(words, synonym_words=None):
    """Indexes of the words that are names: listed names that are not ordinary words; then, next to
    one of those, listed names that are also ordinary words ("grace young") and words nobody uses.

    Only words beside a name are ever hidden, so a query with no listed name in it needs no look-up."""
    listed = names()
    if not any(word.lower() in listed for word in words):
        return set()
    ordinary = _ordinary_words(words, synonym_words)
    found = {i for i, word in enumerate(words) if word.lower() in listed and word.lower() not in ordinary}
    changed = True
    while changed:
        changed = False
        for i, word in enumerate(words):
            beside_a_name = bool({i - 1, i + 1} & found)
            unknown = word.lower() not in ordinary and len(word) > 2
            if i not in found and beside_a_name and (word.lower() in listed or unknown):
                found.add(i)
                changed = True
    return found


def redact(query, synonym_words=None):
    """Hide anything in a query that could identify a person: dates, emails, phone numbers, names.

    `synonym_words`: the synonyms' words (ordinary words, not names), when the caller has them."""
    query = EMAIL.sub("[email]", query)
    query = DATE.sub("[date]", query)
    query = PHONE.sub("[number]", query)
    words = [match for match in WORD.finditer(query) if query[match.start() - 1 : match.start()] != "["]
    hidden = _name_positions([match.group() for match in words], synonym_words)
    for i in sorted(hidden, reverse=True):
        match = words[i]
        query = query[: match.start()] + "[name]" + query[match.end() :]
    return re.sub(r"\[name\](?:\s+\[name\])+", "[name]", query)


LOGGED = ["query", "searched_for", "filters", "result_count", "created_at"]


def log_search(query, searched_for, filters, result_count, synonym_words=None):
    """Record one search: what was typed and, if different, what was searched; lower case, redacted.

    One INSERT, each value made ready for the database by its model field as save() would: save() took three
    times as long as the statement (a search page makes one row, and nothing listens for SearchLog saves)."""
    values = {
        "query": redact(query, synonym_words).lower()[:200],
        "searched_for": redact(searched_for, synonym_words).lower()[:200] if searched_for else "",
        "filters": filters,
        "result_count": result_count,
        "created_at": timezone.now(),
    }
    fields, sql = _insert_statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [field.get_db_prep_save(values[field.name], connection) for field in fields])


@cache
def _insert_statement():
    """The logged fields and the INSERT statement for them."""
    quote = connection.ops.quote_name
    fields = [SearchLog._meta.get_field(name) for name in LOGGED]
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    return fields, f"INSERT INTO {quote(SearchLog._meta.db_table)} ({columns}) VALUES ({placeholders})"


def purge_old_logs(now=None):
    cutoff = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    return SearchLog.objects.filter(created_at__lt=cutoff).delete()[0]


def insights(days):
    """Top searches and searches that found nothing, over the last `days` days."""
    since = timezone.now() - timedelta(days=days)
    recent = SearchLog.objects.filter(created_at__gte=since)
    top = recent.values("query").annotate(searches=Count("id")).order_by("-searches", "query")[:50]
    zero = (
        recent.filter(result_count=0).values("query").annotate(searches=Count("id")).order_by("-searches", "query")[:50]
    )
    corrected = (
        recent.exclude(searched_for="")
        .values("query", "searched_for")
        .annotate(searches=Count("id"))
        .order_by("-searches", "query")[:50]
    )
    totals = recent.aggregate(total=Count("id"), zero=Count("id", filter=Q(result_count=0)))
    return {"top": list(top), "zero": list(zero), "corrected": list(corrected), "totals": totals, "days": days}
