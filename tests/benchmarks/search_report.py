"""The search benchmark's plain-text report, from the children's JSON results (no Django needed).

`runs` maps "database/contender" ("postgres/ours", "sqlite/naive", "postgres/modelsearch", …) to one
contender's timings on one database; every run on a database timed the same queries on the same data.
"""

import os
import statistics
import sys
from datetime import UTC, datetime

DATABASES = {"postgres": "PostgreSQL", "sqlite": "SQLite"}
CONTENDERS = {
    "ours": "our backend",
    "naive": "naive icontains",
    "modelsearch": "modelsearch",
    "watson": "django-watson",
}
TUNED = ["acronym", "misspelling", "symptom", "domain", "filtered"]
NAIVE_GOAL, LIBRARY_GOAL = 10, 2


def p95(values):
    """The 95th percentile (inclusive method; the value itself when there is only one)."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def label(key):
    database, contender = key.split("/")
    return f"{CONTENDERS[contender]} ({DATABASES[database]})"


def describe(query):
    """A query as one readable line: text, filters, kind."""
    filters = "&".join(f"{name}={value}" for name, value in query["filters"].items())
    return f"{query['q']!r}" + (f" [{filters}]" if filters else "") + f" ({query['kind']})"


def collect(children):
    """({"database/contender": run}, {"database/contender": relevance scores}) from the children's results."""
    runs, relevance = {}, {}
    for child in children:
        for contender, run in child["contenders"].items():
            runs[f"{child['database']}/{contender}"] = run
        for contender, scores in child.get("relevance", {}).items():
            relevance[f"{child['database']}/{contender}"] = scores
    return runs, relevance


def header(children, args, runtime, commit):
    first = next(child for child in children if "documents" in child["data"])
    versions = {child["database"]: child["version"] for child in children}
    data = first["data"]
    queries = first["queries"]
    kinds = list(dict.fromkeys(query["kind"].split(" + ")[0] for query in queries))
    return [
        "OAP Directory: search benchmark",
        "===============================",
        f"Commit:      {commit}",
        f"Date:        {datetime.now(UTC).strftime('%Y-%m-%d %H:%M:%S UTC')}",
        f"CPU count:   {os.cpu_count()}",
        f"Python:      {sys.version.split()[0]}",
        *(f"{DATABASES[name] + ':':<13}{version}" for name, version in versions.items()),
        *(f"{name + ':':<15}{version}" for name, version in args.library_versions.items()),
        f"Command:     .venv/bin/python tests/benchmarks/search.py {' '.join(sys.argv[1:])}".rstrip(),
        f"Mode:        {'quick' if args.quick else 'full'}; seed {args.seed}; total runtime {runtime:.0f} s",
        "",
        f"Data (the same for every contender on both databases): {data['strategies']:,} strategies "
        f"({data['published_strategies']:,} published), {data['resources']:,} resources, {data['categories']} "
        f"categories in a three-level tree; {data['documents']:,} search documents, {data['vocabulary']:,} "
        "vocabulary words.",
        f"Queries: {len(queries)} ({', '.join(kinds)}; {sum(1 for q in queries if q['filters'])} with type/phase "
        f"filters). Each query runs once untimed to warm up, then {args.rounds} timed round(s); a query's time is "
        "the median of its rounds; p50 and p95 are taken over the queries. Contenders in one process (ours and "
        "naive) take their rounds in turn: ours, naive, ours, naive…",
        "",
        "Contenders, each on PostgreSQL and on SQLite, each database's contenders on the same data:",
        "  our backend: oap_directory.search.search(RequestFactory().get('/search/', params)): parse, match, rank, "
        "facets, one page of snippets, 'Did you mean' when few results, and the SearchLog write. The warm-up pass "
        "runs the same queries first, so the timed rounds find already read what a process keeps per content "
        "version (every document's facts; on SQLite, what each word finds and the documents each choice of filters "
        "leaves): a site's process has it for the words searched for since the last change. Its first search "
        "after a change is reported below the results.",
        "  naive icontains: published Strategy filtered by title/teacher_statement/child_statement/why/how "
        "__icontains and Resource by title/summary; fields OR-ed, words AND-ed, -word excluded, type/phase "
        "filters applied; list(qs[:20]) + qs.count() per model. Same process and database as our backend, "
        "round by round in turn with it.",
        "  modelsearch: its database backend (PostgreSQL full-text search; SQLite FTS5), indexing the published "
        "strategies, interventions, resources and categories (titles boosted, statements, bodies, tags, category "
        "names) through proxy models; the query parsed by modelsearch.utils.parse_query_string (quoted "
        "phrases; it has no exclusion syntax), one backend.search() per type on a queryset narrowed by the "
        "type/phase filters, annotate_score, the first 20 of each merged by score, plus each count.",
        "  django-watson: the same four types registered with their published querysets (same fields); one "
        "watson.search(q, models=[narrowed querysets]) across them: first 20 entries and the count. On "
        "PostgreSQL watson uses its own tsvector column; on SQLite it has no full-text index and matches "
        "each word with a regular expression (no phrases or exclusions there).",
        "  The libraries run in their own processes with their own settings modules (tests/benchmarks/"
        "settings_*.py); their page is results and a count, without our facets, snippets or corrections.",
    ]


def results_table(runs):
    lines = [
        "Results (ms per query)",
        f"  {'contender':<34}{'p50':>9}{'p95':>9}{'mean':>9}{'max':>9}{'no results':>12}{'median results':>16}",
    ]
    for key, run in runs.items():
        empty = sum(1 for count in run["counts"] if not count)
        lines.append(
            f"  {label(key):<34}{statistics.median(run['ms']):>9.1f}{p95(run['ms']):>9.1f}"
            f"{statistics.mean(run['ms']):>9.1f}{max(run['ms']):>9.1f}{empty:>12}{statistics.median(run['counts']):>16.0f}"
        )
    return lines


def after_a_change_table(runs):
    """Our backend's first search after a content change, when the run measured it."""
    changed = {key: run["after_change_ms"] for key, run in runs.items() if "after_change_ms" in run}
    if not changed:
        return []
    lines = [
        "Our backend's first search after a content change (ms per query; the content version bumped before each",
        "query, which changes no content; each query run once): everything a process keeps per content version is",
        "read again (every document's facts, the category tree, filter options, synonyms, observations; on SQLite,",
        "what each of the query's words finds and the documents its filters leave, which the timed rounds above",
        "find already read). A process pays this once per version: for the facts on its first search, for each",
        "word on the first search naming it.",
        f"  {'contender':<34}{'p50':>9}{'p95':>9}{'mean':>9}{'max':>9}",
    ]
    for key, times in changed.items():
        lines.append(
            f"  {label(key):<34}{statistics.median(times):>9.1f}{p95(times):>9.1f}"
            f"{statistics.mean(times):>9.1f}{max(times):>9.1f}"
        )
    return lines


def ratios(runs):
    """Each contender against our backend on the same database, and our two backends against each other."""
    stats = {key: (statistics.median(run["ms"]), p95(run["ms"])) for key, run in runs.items()}
    lines = [
        "Ratios (same run, side by side, each against our backend on the same database; above 1 means ours is faster)",
        f"  {'':<58}{'p50':>9}{'p95':>9}",
    ]
    pairs = [(f"{db}/{other}", f"{db}/ours") for db in DATABASES for other in CONTENDERS if other != "ours"]
    pairs.append(("sqlite/ours", "postgres/ours"))
    for slow, fast in pairs:
        if slow in stats and fast in stats:
            text = f"{label(slow)} / {label(fast)}"
            lines.append(
                f"  {text:<58}{stats[slow][0] / stats[fast][0]:>8.2f}×{stats[slow][1] / stats[fast][1]:>8.2f}×"
            )
    lines += [
        "",
        "Design goals (p50): ours ≥ 10× faster than naive, ≥ 2× faster than each library (floor 1×)",
    ]
    for database, name in DATABASES.items():
        ours = stats.get(f"{database}/ours")
        for contender, goal in (("naive", NAIVE_GOAL), ("modelsearch", LIBRARY_GOAL), ("watson", LIBRARY_GOAL)):
            other = stats.get(f"{database}/{contender}")
            if ours and other:
                ratio = other[0] / ours[0]
                verdict = "met" if ratio >= goal else ("floor met, goal NOT met" if ratio >= 1 else "NOT met")
                lines.append(f"  {name}, against {CONTENDERS[contender]}: {verdict}, {ratio:.2f}×")
    return lines


def _fraction(scores):
    """'passed/total' over [passed, total] pairs."""
    return f"{sum(passed for passed, _ in scores)}/{sum(total for _, total in scores)}"


def relevance_table(relevance):
    if not relevance:
        return ["Relevance: not scored in this run (--relevance scores it; on by default in a full run)."]
    lines = [
        "Relevance on tests/search/data/relevance.toml (the starter content; a query passes when one of its",
        "'top3' items is in the first three results and none of its 'not_top3'; naive icontains is not scored:",
        "it has no ranking)",
        f"  {'contender':<34}" + "".join(f"{section:>13}" for section in TUNED) + f"{'tuned':>9}{'held out':>10}",
    ]
    for key, scores in relevance.items():
        held = [scores[s] for s in scores if s not in TUNED]
        cells = "".join(f"{_fraction([scores[s]]):>13}" for s in TUNED)
        tuned, held_out = _fraction([scores[s] for s in TUNED]), _fraction(held)
        lines.append(f"  {label(key):<34}{cells}{tuned:>9}{held_out:>10}")
    return lines


def by_kind(runs, queries):
    kinds = list(dict.fromkeys(query["kind"].split(" + ")[0] for query in queries))
    short = {key: f"{key.split('/')[1][:6]}/{key.split('/')[0][:2]}" for key in runs}
    lines = ["p50 by query kind (ms; po = PostgreSQL, sq = SQLite)", f"  {'kind':<24}{'n':>4}"]
    lines[-1] += "".join(f"{short[key]:>10}" for key in runs)
    for kind in sorted({query["kind"] for query in queries}, key=lambda k: (kinds.index(k.split(" + ")[0]), k)):
        indexes = [i for i, query in enumerate(queries) if query["kind"] == kind]
        cells = "".join(f"{statistics.median([run['ms'][i] for i in indexes]):>10.1f}" for run in runs.values())
        lines.append(f"  {kind:<24}{len(indexes):>4}{cells}")
    return lines


def slowest(runs, queries):
    lines = ["Slowest five queries per contender (ms, results)"]
    for key, run in runs.items():
        order = sorted(range(len(queries)), key=lambda i, run=run: -run["ms"][i])[:5]
        lines.append(f"  {label(key)}:")
        lines += [f"    {run['ms'][i]:>8.1f}  {run['counts'][i]:>6}  {describe(queries[i])}" for i in order]
    return lines


def where_the_time_goes(runs):
    lines = [
        "Where the time goes: each contender's median query, run once more with SQL timed (our backend's also",
        "under cProfile; on SQLite, rows are computed while they are fetched, so its SQL time is understated)",
    ]
    for key, run in runs.items():
        detail = run["breakdown"]
        lines += [
            "",
            f"  {label(key)}: {describe(detail['query'])}: {detail['total_ms']:.1f} ms in all, "
            f"{detail['sql_ms']:.1f} ms executing {detail['sql_count']} SQL statements, "
            f"{detail['total_ms'] - detail['sql_ms']:.1f} ms in Python",
        ]
        lines += [f"    {ms:7.1f} ms  {sql}" for ms, sql in detail["slowest_sql"]]
        if key.endswith("/ours"):
            lines += ["    " + line for line in detail["profile"].splitlines()]
    return lines


def setup_times(children):
    lines = ["Setup (seconds)"]
    for child in children:
        timing = ", ".join(f"{step} {seconds:.1f}" for step, seconds in child["setup_seconds"].items())
        contenders = ", ".join(f"{key} {run['seconds']:.1f}" for key, run in child["contenders"].items())
        lines.append(f"  {child['database']}/{'+'.join(child['contenders'])}: {timing}; timing runs: {contenders}")
    return lines


def format_report(children, args, runtime, commit):
    """The full plain-text report."""
    runs, relevance = collect(children)
    order = [f"{db}/{contender}" for db in DATABASES for contender in CONTENDERS]
    runs = {key: runs[key] for key in order if key in runs}
    queries = children[0]["queries"]
    sections = [
        header(children, args, runtime, commit),
        results_table(runs),
        after_a_change_table(runs),
        ratios(runs),
        relevance_table({key: relevance[key] for key in order if key in relevance}),
        by_kind(runs, queries),
        slowest(runs, queries),
        where_the_time_goes(runs),
        setup_times(children),
    ]
    return "\n\n".join("\n".join(section) for section in sections if section) + "\n"
