"""Search: one interface, two backends chosen by the database in use.

index(obj) / unindex(obj) / rebuild()   keep SearchDocument rows in step with content
merge_index()                           fold changes into the database's full-text index (daily)
search(request) -> SearchPage           results, facets, snippets, "Did you mean"
suggest(prefix) -> list of dicts        for the search box's suggestions
did_you_mean(parsed) -> str | None      a corrected query from the indexed vocabulary
"""

import html
from dataclasses import dataclass, field

from django.db import connection
from django.utils.safestring import mark_safe

from categories.forms import filter_options, paginate
from categories.tree import CategoryTree
from categories.versioned import per_content_version
from oap_directory import content_types
from oap_directory.models import SearchDocument, Synonym
from oap_directory.search import correction, filters, noticing, ranking
from oap_directory.search.documents import addresses, index, match_facts, merge_index, rebuild, unindex, url_for
from oap_directory.search.forms import SearchForm
from oap_directory.search.logs import log_search
from oap_directory.search.query import ParsedQuery, Synonyms, normalise, parse

__all__ = ["did_you_mean", "index", "merge_index", "normalise", "rebuild", "search", "suggest", "unindex"]

RESULTS_PER_PAGE = 20
SNIPPET_LENGTH = 240
NO_FILTERS = dict.fromkeys(filters.FACETS, ())


def _type_labels():
    return {entry.name: entry.label.capitalize() for entry in content_types.searchable()}


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
    object_id: int = 0
    uuid: object = None  # set by the search page for items that can go on my list
    because: list = field(default_factory=list)  # what teachers notice that led here, e.g. "can't sit still"


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
    area_groups: list = field(default_factory=list)  # for components/category_filter.html
    chips: list = field(default_factory=list)
    phase_hints: list = field(default_factory=list)  # “KS2 is part of Primary”, with a filter link
    suggestion: str | None = None
    suggestion_url: str = ""  # the suggested search with the same filters
    corrected_from: str | None = None
    matched_any_word: bool = False
    observations: list = field(default_factory=list)  # what teachers notice that the query matches, best first

    @property
    def has_query(self):
        return bool(self.query) or bool(self.chips)


def _phase_names(phases):
    """How a synonym may name a phase: {"primary": "primary", "early years": "early-years", ...}."""
    names = {}
    for phase in phases:
        names[" ".join(phase.name.lower().replace("-", " ").split())] = phase.slug
        names[phase.slug.replace("-", " ")] = phase.slug
    return names


def load_synonyms():
    """The synonym list, prepared for parsing (one query)."""
    return Synonyms.from_rows((synonym.term, synonym.alternatives()) for synonym in Synonym.objects.all())


def parse_query(text, phases=(), synonyms=None):
    """`text` parsed with the synonym list (read from the database unless given as `synonyms`)."""
    return parse(text, synonyms if synonyms is not None else load_synonyms(), _phase_names(phases))


def did_you_mean(parsed):
    """The query with unknown words replaced by the closest indexed word, or None, with a confidence."""
    return correction.did_you_mean(parsed, backend())


def _has(joined, value):
    return f"|{value}|" in (joined or "")


def _highlight(snippet):
    """Escape the snippet, then turn the sentinel markers into <mark>."""
    from oap_directory.search.sqlite import START, STOP

    escaped = html.escape(snippet or "", quote=False)
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped above


def _changed(params, name, values):
    changed = params.copy()
    changed.setlist(name, values)
    changed.pop("page", None)
    return "?" + changed.urlencode()


def _with_query(params, query):
    """The same search (filters kept) for another query: from its first page, corrected as usual."""
    corrected_as_usual = params.copy()
    corrected_as_usual.pop("exact", None)
    return _changed(corrected_as_usual, "q", [query])


def _phase_hints(params, parsed, selected, phases):
    """“KS2 is part of Primary”, with a one-click filter, for each phase the query names."""
    names = {phase.slug: phase.name for phase in phases}
    return [
        {"typed": ", ".join(parsed.hinted_by), "phase": names[slug],
         "url": _changed(params, "phase", [*params.getlist("phase"), slug])}
        for slug in parsed.phase_hints
        if slug in names and slug not in selected["phase"]
    ]  # fmt: skip


def _find(engine, parsed, documents, facts, observations=None):
    """(rows, only some words matched, observations) for the query, or for filters alone.

    Items linked from the observations the query matches join the text matches (see search/noticing.py), after
    the items that name the acronyms typed, if that is all the query is. Every row is one of `documents` (the
    chosen filters applied), each once.
    """
    if not parsed.is_empty:
        rows, some_words = ranking.find(engine, parsed, documents, facts)
        noticed = noticing.matching(parsed, observations)
        extra = noticing.noticed(noticed, documents, facts)
        if extra:
            named = ranking.naming(parsed, rows)
            first = [row for row in rows if row["id"] in named]
            rest = noticing.blend(
                [row for row in rows if row["id"] not in named], [r for r in extra if r["id"] not in named]
            )
            rows = first + rest
        if parsed.phase_hints and all(term.names_phase for term in parsed.terms):
            rows = _then_the_phase(engine, parsed, documents, facts, rows)
        return rows, some_words, [observation for observation, _ in noticed]
    if parsed.phase_hints:  # "KS2" alone: the items for that phase
        documents = documents.filter(filters.conditions({**NO_FILTERS, "phase": parsed.phase_hints}, None))
    return ranking.listing(engine, documents, facts), False, []


def _then_the_phase(engine, parsed, documents, facts, rows):
    """ "EYFS": the items that name the framework, then the rest of the phase's items, as for "KS2"."""
    phase = documents.filter(filters.conditions({**NO_FILTERS, "phase": parsed.phase_hints}, None))
    found = {row["id"] for row in rows}
    return rows + [row for row in ranking.listing(engine, phase, facts) if row["id"] not in found]


def _correct(page, engine, documents, facts, phases, synonyms, observations):
    """Correct unknown words when nothing, or nothing with every word, was found.

    A confident correction's results replace nothing at all, or replace items that match only some of the words
    when some item matches every word of the correction ("nuture group"). Otherwise the correction is offered
    as "Did you mean" when little was found. A correction that would find nothing is neither: "sticks to the
    dinner ladies at playtime" is not answered with "Did you mean sticky dinner lies playtime?". The filters chosen
    apply to the correction as to the search, and its link keeps them.
    """
    suggestion, confidence = did_you_mean(page.parsed)
    replaces = confidence >= correction.CONFIDENT and not page.form.cleaned_data.get("exact")
    if not suggestion or not (replaces or page.count < ranking.LITTLE):
        return None
    corrected = parse_query(suggestion, phases, synonyms)
    found = _find(engine, corrected, documents, facts, observations)
    if not found[0]:
        return None
    if replaces and (
        not page.count or (page.matched_any_word and engine.matching_ids(corrected, documents, facts, limit=1))
    ):
        page.corrected_from, page.query, page.parsed = page.query, suggestion, corrected
        return found
    if page.count < ranking.LITTLE:
        page.suggestion = suggestion
    return None


def search(request):
    """Run the search described by request.GET and return a SearchPage."""
    if hasattr(request, "site"):  # a real request: what depends only on the content is read once per version
        tree, options = CategoryTree.for_request(request), filter_options(request)
        synonyms = per_content_version(request, "search-synonyms", load_synonyms)
        observations = per_content_version(request, "search-observations", noticing.published)
        facts = per_content_version(request, "search-documents", match_facts)
    else:
        tree, options, synonyms, observations = CategoryTree.load(), None, load_synonyms(), noticing.published()
        facts = match_facts()
    form = SearchForm(request.GET, tree, options=options)
    form.is_valid()
    selected = {name: form.selected(name) for name in filters.FACETS}
    levels, phases = form.levels, form.phases
    page = SearchPage(form=form, query=form.query, chips=form.chips(request.path))
    page.parsed = parse_query(page.query, phases, synonyms)
    page.phase_hints = _phase_hints(request.GET, page.parsed, selected, phases)
    engine = backend()
    documents = SearchDocument.objects.filter(filters.conditions(selected, tree))
    rows = []
    if not page.parsed.is_empty or page.parsed.phase_hints or any(selected.values()):
        rows, page.matched_any_word, page.observations = _find(engine, page.parsed, documents, facts, observations)
    page.count = len(rows)
    if (page.count < ranking.LITTLE or page.matched_any_word) and page.parsed.terms:
        corrected = _correct(page, engine, documents, facts, phases, synonyms, observations)
        if corrected:
            rows, page.matched_any_word, page.observations = corrected
            page.count = len(rows)
    if page.suggestion:
        page.suggestion_url = _with_query(request.GET, page.suggestion)
    if rows or any(selected.values()):
        _add_facets(page, rows, selected, tree, levels, phases, facts)
    page.page = paginate(request, rows, RESULTS_PER_PAGE)
    page.results = _results(page, engine, [row["id"] for row in page.page.object_list], levels, phases, tree)
    if page.query:
        filters_used = {name: values for name, values in selected.items() if values}
        log_search(
            page.corrected_from or page.query,
            page.query if page.corrected_from else "",
            filters_used,
            page.count,
            synonym_words=synonyms.written,
        )
    return page


def _add_facets(page, rows, selected, tree, levels, phases, facts):
    """Counts for each facet's options, over the results (every chosen filter applied)."""
    counts = filters.counts(rows, tree, phases, facts)
    options = {
        "type": list(_type_labels().items()),
        "level": [(lv.slug, lv.name) for lv in levels],
        "phase": [(p.slug, p.name) for p in phases],
    }
    labels = {"type": "Type", "level": "Level of support", "phase": "Phase"}
    page.facets = [
        Facet(name, labels[name], [
            (value, label, counts[name].get(value, 0), value in selected[name])
            for value, label in choices
            if counts[name].get(value, 0) or value in selected[name]
        ])
        for name, choices in options.items()
    ]  # fmt: skip
    page.area_groups = filters.area_groups(tree, selected["category"], counts["category"])


def _results(page, engine, ids, levels, phases, tree):
    if not ids:
        return []
    if page.parsed.is_empty:
        found = {row.pk: (row, "") for row in SearchDocument.objects.filter(pk__in=ids)}
    else:
        found = engine.snippets(page.parsed, ids, any_term=page.matched_any_word)
    type_labels = _type_labels()
    level_names = {lv.slug: lv.name for lv in levels}
    phase_names = {p.slug: p.name for p in phases}
    results, address = [], {name: addresses(name) for name in type_labels}
    because = {row["id"]: row.get("because", []) for row in page.page.object_list}
    for pk in ids:
        if pk not in found:
            continue  # removed in the moment between re-indexing and the version it bumps (SQLite keeps matches)
        document, snippet = found[pk]
        results.append(
            Result(
                type=document.type,
                type_label=type_labels[document.type],
                title=document.title,
                url=address[document.type](document.slug),
                snippet=_highlight(snippet or _opening(document)),
                categories=_deepest_categories(document.category_ids, tree),
                level=level_names.get(document.level, ""),
                phases=[name for slug, name in phase_names.items() if _has(document.phases, slug)],
                object_id=document.object_id,
                because=because.get(pk, []),
            )
        )
    return results


def _opening(document):
    """What the item says first, when none of the query's words are in its text."""
    text = document.summary or document.statements
    return text if len(text) <= SNIPPET_LENGTH else text[:SNIPPET_LENGTH].rsplit(" ", 1)[0] + "…"


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
    labels = _type_labels()
    return [{"title": title, "type": labels[t], "url": url_for(t, slug)} for t, title, slug in documents]
