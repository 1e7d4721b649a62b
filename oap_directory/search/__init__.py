"""Search: one interface, two backends chosen by the database in use.

index(obj) / unindex(obj) / rebuild()   keep SearchDocument rows in step with content
search(request) -> SearchPage           results, facets, snippets, "Did you mean"
suggest(prefix) -> list of dicts        for the search box's suggestions
did_you_mean(parsed) -> str | None      a corrected query from the indexed vocabulary
"""

import html
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.utils.safestring import mark_safe

from categories.tree import CategoryTree
from oap_directory.models import SearchDocument, SearchTerm, Synonym
from oap_directory.search.documents import index, rebuild, unindex, url_for
from oap_directory.search.forms import SearchForm
from oap_directory.search.logs import log_search
from oap_directory.search.query import ParsedQuery, normalise, parse, synonym_map, whole_phrase

__all__ = ["did_you_mean", "index", "normalise", "rebuild", "search", "suggest", "unindex"]

RESULTS_PER_PAGE = 20
LITTLE = 3  # fewer results than this counts as "little": offer "Did you mean"
CONFIDENT = 0.5
TYPE_LABELS = dict(SearchDocument.Type.choices)
# Strategies are what teachers come for; the others support them.
TYPE_BOOST = {"strategy": 1.0, "intervention": 0.75, "category": 0.5, "resource": 0.6}
PHRASE_CANDIDATES = 50
TITLE_CANDIDATES = 200
TITLE_BOOST = 1.0  # a title that holds every word of the query doubles the score


def backend():
    if connection.vendor == "postgresql":
        from oap_directory.search import postgres

        return postgres
    from oap_directory.search import sqlite

    return sqlite


@dataclass
class Result:
    type: str
    type_label: str
    title: str
    url: str
    snippet: str
    categories: str
    level: str
    phases: list


@dataclass
class Facet:
    name: str
    label: str
    options: list  # (value, label, count, selected)


@dataclass
class SearchPage:
    form: SearchForm
    query: str = ""
    parsed: ParsedQuery = field(default_factory=ParsedQuery)
    count: int = 0
    page: object = None
    results: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    chips: list = field(default_factory=list)
    suggestion: str | None = None
    corrected_from: str | None = None
    matched_any_word: bool = False

    @property
    def has_query(self):
        return bool(self.query) or bool(self.chips)


def parse_query(text):
    return parse(text, synonym_map((s.term, s.alternatives()) for s in Synonym.objects.all()))


def did_you_mean(parsed):
    """The query with unknown words replaced by the closest indexed word, or None, with a confidence."""
    if not parsed.terms:
        return None, 0.0
    known = set(SearchTerm.objects.filter(word__in=parsed.words).values_list("word", flat=True))
    corrected, confidence, changed = [], 1.0, False
    for word in parsed.words:
        if word in known or len(word) < 4 or word.isdigit():
            corrected.append(word)
            continue
        replacement, similarity = backend().similar_word(word)
        if replacement and replacement != word:
            corrected.append(replacement)
            confidence = min(confidence, similarity)
            changed = True
        else:
            corrected.append(word)
    return (" ".join(corrected), confidence) if changed else (None, 0.0)


def _has(joined, value):
    return f"|{value}|" in (joined or "")


def _passes(row, selected, tree_ids, skip=None):
    if skip != "type" and selected["type"] and row["type"] not in selected["type"]:
        return False
    if skip != "category" and tree_ids and not any(_has(row["category_ids"], pk) for pk in tree_ids):
        return False
    if skip != "level" and selected["level"] and row["level"] not in selected["level"]:
        return False
    if skip != "phase" and selected["phase"] and not any(_has(row["phases"], p) for p in selected["phase"]):
        return False
    if skip != "kind" and selected["kind"] and row["kind"] not in selected["kind"]:
        return False
    return True


def _facets(rows, selected, tree, tree_ids, levels, phases):
    """Counts for each facet's options, over the results with every other facet's filter applied."""
    chosen = [tree.by_slug[slug] for slug in selected["category"] if slug in tree.by_slug]
    areas = tree.public_children(chosen[0]) if len(chosen) == 1 else tree.public_children(None)
    if len(chosen) == 1 and not areas:
        areas = chosen
    if len(chosen) == 1 and chosen[0] not in areas:
        areas = [chosen[0], *areas]
    options = {
        "type": list(TYPE_LABELS.items()),
        "category": [(c.slug, c.name) for c in areas],
        "level": [(lv.slug, lv.name) for lv in levels],
        "phase": [(p.slug, p.name) for p in phases],
    }
    area_ids = {c.slug: f"|{c.pk}|" for c in areas}
    counts = {name: dict.fromkeys((value for value, _ in choices), 0) for name, choices in options.items()}
    for name in options:
        for row in rows:
            if not _passes(row, selected, tree_ids, skip=name):
                continue
            if name == "type":
                if row["type"] in counts["type"]:
                    counts["type"][row["type"]] += 1
            elif name == "level":
                if row["level"] in counts["level"]:
                    counts["level"][row["level"]] += 1
            elif name == "phase":
                for slug in counts["phase"]:
                    if f"|{slug}|" in (row["phases"] or ""):
                        counts["phase"][slug] += 1
            else:
                for slug, marker in area_ids.items():
                    if marker in (row["category_ids"] or ""):
                        counts["category"][slug] += 1
    labels = {"type": "Type", "category": "Area", "level": "Level of support", "phase": "Phase"}
    return [
        Facet(name, labels[name], [
            (value, label, counts[name][value], value in selected[name])
            for value, label in choices
            if counts[name][value] or value in selected[name]
        ])
        for name, choices in options.items()
    ]  # fmt: skip


def _highlight(snippet):
    """Escape the snippet, then turn the sentinel markers into <mark>."""
    from oap_directory.search.sqlite import START, STOP

    escaped = html.escape(snippet or "")
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped above


def _without(params, name, value):
    remaining = params.copy()
    remaining.setlist(name, [v for v in params.getlist(name) if v != value])
    remaining.pop("page", None)
    return "?" + remaining.urlencode()


def _chips(params, form, selected, tree, levels, phases):
    names = {
        "type": TYPE_LABELS,
        "category": {c.slug: c.name for c in tree.by_id.values()},
        "level": {lv.slug: lv.name for lv in levels},
        "phase": {p.slug: p.name for p in phases},
        "kind": dict(form.fields["kind"].choices),
    }
    chips = []
    for name, values in selected.items():
        for value in values:
            label = names[name].get(value, value)
            chips.append({"name": name, "label": label, "remove_url": _without(params, name, value)})
    return chips


def search(request):
    """Run the search described by request.GET and return a SearchPage."""
    tree = CategoryTree.load()
    form = SearchForm(request.GET, tree)
    form.is_valid()
    selected = {name: form.selected(name) for name in ("type", "category", "level", "phase", "kind")}
    levels, phases = form.levels, form.phases
    page = SearchPage(form=form, query=form.query, chips=_chips(request.GET, form, selected, tree, levels, phases))
    page.parsed = parse_query(page.query)
    engine = backend()
    rows = []
    if not page.parsed.is_empty:
        rows = _ranked(engine, page.parsed)
        if not rows and len(page.parsed.terms) > 1:
            rows = engine.matches(page.parsed, SearchDocument.objects.all(), any_term=True)
            page.matched_any_word = bool(rows)
    elif any(selected.values()):
        rows = list(SearchDocument.objects.order_by("type", "level_order", "title").values(*engine.FIELDS[:-1]))
    tree_ids = {pk for slug in selected["category"] if slug in tree.by_slug for pk in [tree.by_slug[slug].pk]}
    filtered = [row for row in rows if _passes(row, selected, tree_ids)]
    if len(filtered) < LITTLE and not page.parsed.is_empty:
        suggestion, confidence = did_you_mean(page.parsed)
        if suggestion and not filtered and confidence >= CONFIDENT and not form.cleaned_data.get("exact"):
            corrected = parse_query(suggestion)
            rows = _ranked(engine, corrected)
            filtered = [row for row in rows if _passes(row, selected, tree_ids)]
            if filtered:
                page.corrected_from, page.query, page.parsed = page.query, suggestion, corrected
        if not page.corrected_from:
            page.suggestion = suggestion
    page.count = len(filtered)
    page.facets = _facets(rows, selected, tree, tree_ids, levels, phases) if rows else []
    page.page = _paginate(request, filtered)
    page.results = _results(page, engine, [row["id"] for row in page.page.object_list], levels, phases, tree)
    if page.query:
        log_search(page.query, {k: v for k, v in selected.items() if v}, page.count)
    return page


def _title_match(parsed, title):
    """The share of the query's terms found in the title (a word starting with the term's stem-like prefix)."""
    if not parsed.terms:
        return 0.0
    title = title.lower()
    words = title.replace("-", " ").split()

    def found(term):
        prefix = term.word[: max(4, len(term.word) - 3)]
        return any(word.startswith(prefix) for word in words) or any(alt in title for alt in term.alternatives)

    return sum(1 for term in parsed.terms if found(term)) / len(parsed.terms)


def _containing(phrase, ids):
    """Which of these documents hold the words exactly as typed, e.g. “can't sit still”."""
    texts = SearchDocument.objects.filter(pk__in=ids).values_list("pk", "statements", "summary", "body", "title")
    return {pk for pk, *fields in texts if phrase in " ".join(fields).lower().replace("’", "'")}


def _ranked(engine, parsed):
    """Matches best first: the whole query as a phrase, then by weighted rank, strategies slightly favoured.

    The title preference only reorders the best TITLE_CANDIDATES matches, and the phrase check only the
    best PHRASE_CANDIDATES: below them order barely matters, and looking costs time per match.
    """
    rows = engine.matches(parsed, SearchDocument.objects.all())
    for row in rows:
        row["score"] = (row["rank"] or 0) * TYPE_BOOST.get(row["type"], 1.0)
    rows.sort(key=lambda row: -row["score"])
    for row in rows[:TITLE_CANDIDATES]:
        row["score"] *= 1 + TITLE_BOOST * _title_match(parsed, row["title"])
    rows[:TITLE_CANDIDATES] = sorted(rows[:TITLE_CANDIDATES], key=lambda row: -row["score"])
    phrase = whole_phrase(parsed)
    if phrase and len(rows) > 1:
        together = [row["id"] for row in engine.matches(phrase, SearchDocument.objects.all(), limit=PHRASE_CANDIDATES)]
        exact = _containing(phrase.phrases[0], together)
        together = set(together)
        rows.sort(key=lambda row: (row["id"] not in exact, row["id"] not in together))
    return rows


def _paginate(request, rows):
    paginator = Paginator(rows, RESULTS_PER_PAGE)
    try:
        number = int(request.GET.get("page", "1")[:10])
    except ValueError:
        number = 1
    return paginator.page(min(max(number, 1), paginator.num_pages))


def _results(page, engine, ids, levels, phases, tree):
    if not ids:
        return []
    if page.parsed.is_empty:
        found = {row.pk: (row, row.summary[:240]) for row in SearchDocument.objects.filter(pk__in=ids)}
    else:
        found = engine.snippets(page.parsed, ids, any_term=page.matched_any_word)
    level_names = {lv.slug: lv.name for lv in levels}
    phase_names = {p.slug: p.name for p in phases}
    results = []
    for pk in ids:
        document, snippet = found[pk]
        results.append(
            Result(
                type=document.type,
                type_label=TYPE_LABELS[document.type],
                title=document.title,
                url=url_for(document.type, document.slug),
                snippet=_highlight(snippet or document.summary[:240]),
                categories=_deepest_categories(document.category_ids, tree),
                level=level_names.get(document.level, ""),
                phases=[name for slug, name in phase_names.items() if _has(document.phases, slug)],
            )
        )
    return results


def _deepest_categories(joined, tree):
    """The most specific categories an item sits in (its ancestors are implied)."""
    ids = [int(pk) for pk in (joined or "").strip("|").split("|") if pk.isdigit()]
    parents = {tree.by_id[pk].parent_id for pk in ids if pk in tree.by_id}
    return ", ".join(tree.by_id[pk].name for pk in ids if pk in tree.by_id and pk not in parents)


def suggest(prefix, limit=8):
    """Titles that contain what has been typed so far, for the search box's suggestions."""
    prefix = " ".join(prefix.split())[:60]
    if len(prefix) < 2:
        return []
    documents = (
        SearchDocument.objects.filter(title__icontains=prefix)
        .order_by("type", "title")
        .values_list("type", "title", "slug")[:limit]
    )
    return [{"title": title, "type": TYPE_LABELS[t], "url": url_for(t, slug)} for t, title, slug in documents]
