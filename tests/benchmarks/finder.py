"""Needs finder benchmark: the results page for 50 ticked observations, on PostgreSQL and SQLite.

Not a pytest test. Run it from the project root:

    .venv/bin/python tests/benchmarks/finder.py            # 10,000 strategies, 500 observations, 100 selections
    .venv/bin/python tests/benchmarks/finder.py --quick    # 1,000 strategies, 100 observations, 20 selections

One child process per database (Django's connection is fixed per process). Each child migrates a scratch
database, generates the same seeded data, then requests /finder/?seen=…&phase=… through Django's test client
(the whole view: parsing, ranking, template, and the monthly tally write) for each random selection of 50
observations, after one untimed warm-up, and counts the queries for 1, 10 and 50 ticked observations. The parent
writes the figures, with the commit, date, CPU count and database versions, to docs/performance/finder.txt
(finder-quick.txt with --quick). The PostgreSQL scratch database is dropped at the end; SQLite's is a temporary file.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.search import (  # noqa: E402 - the project root must be on the path first
    database_version,
    git_commit,
    progress,
    recreate_postgres_database,
    report,
    settle_database,
)
from tests.benchmarks.search_report import p95  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/oap_finder_bench"
SEED = 20261129
TICKED = 50
GOAL_MS = 300


def generate_data(strategy_count, observation_count, seed):
    """Levels, phases, four areas with four sub-areas each, strategies, interventions and linked observations."""
    from categories.content import Status
    from categories.models import Category, Level, Phase, Strategy
    from finder.models import CheckPrompt, Observation, ObservationLink, Signpost
    from resources.models import Intervention, StrategyIntervention

    rng = random.Random(seed)
    levels = [
        Level.objects.create(name=name, slug=slug, order=order, is_costed=order > 1)
        for order, (name, slug) in enumerate([("Universal", "universal"), ("Targeted", "targeted")], 1)
    ]
    phases = [
        Phase.objects.create(name=slug.title(), slug=slug, order=n) for n, slug in enumerate(["primary", "secondary"])
    ]
    top = Category.objects.create(name="Areas of need", slug="areas", status=Status.PUBLISHED)
    areas, sub_areas = [], []
    for a in range(4):
        area = Category.objects.create(name=f"Area {a}", slug=f"area-{a}", parent=top, status=Status.PUBLISHED, order=a)
        areas.append(area)
        for s in range(4):
            sub_areas.append(
                Category.objects.create(name=f"Sub-area {a}.{s}", slug=f"sub-{a}-{s}", parent=area, status="published")
            )
        CheckPrompt.objects.create(area=area, text=f"Has anything changed at home? ({area.name})")
        Signpost.objects.create(area=area, message="Talk to your SENCO about what you have noticed.")
    strategies = Strategy.objects.bulk_create(
        Strategy(
            title=f"Strategy {n}",
            slug=f"strategy-{n}",
            teacher_statement=f"Do helpful thing number {n} with the class.",
            why="<p>Why.</p>",
            how="<p>How.</p>",
            level=levels[n % 5 == 0],
            status=Status.PUBLISHED,
        )
        for n in range(strategy_count)
    )
    Strategy.phases.through.objects.bulk_create(
        Strategy.phases.through(strategy_id=strategy.pk, phase_id=rng.choice(phases).pk) for strategy in strategies
    )
    interventions = Intervention.objects.bulk_create(
        Intervention(
            name=f"Intervention {n}",
            slug=f"intervention-{n}",
            summary="A group.",
            description="<p>Sessions.</p>",
            level=levels[1],
            cost_per_pupil_per_year=100,
            evidence_strength=rng.choice(Intervention.EvidenceStrength.values),
            status=Status.PUBLISHED,
        )
        for n in range(strategy_count // 50)
    )
    StrategyIntervention.objects.bulk_create(
        StrategyIntervention(strategy=strategy, intervention=rng.choice(interventions))
        for strategy in rng.sample(strategies, len(strategies) // 5)
    )
    observations = Observation.objects.bulk_create(
        Observation(
            text=f"Noticed thing {n}",
            slug=f"noticed-{n}",
            area=sub_areas[n % len(sub_areas)].parent,
            sub_area=sub_areas[n % len(sub_areas)],
            kind="strength" if n % 10 == 0 else "difficulty",
            status=Status.PUBLISHED,
        )
        for n in range(observation_count)
    )
    links = [
        ObservationLink(observation=observation, strategy=strategy, weight=rng.randint(1, 3), why="It helps.")
        for observation in observations
        for strategy in rng.sample(strategies, rng.randint(3, 8))
    ]
    links += [
        ObservationLink(observation=observation, intervention=rng.choice(interventions), weight=2, why="It helps.")
        for observation in observations
    ]
    ObservationLink.objects.bulk_create(links)
    return {
        "strategies": len(strategies),
        "interventions": len(interventions),
        "observations": len(observations),
        "links": len(links),
        "uuids": [str(observation.uuid) for observation in observations],
    }


def _url(uuids, phase="primary"):
    return "/finder/?" + "&".join([f"phase={phase}", *(f"seen={uuid}" for uuid in uuids)])


def run_child(args):
    sys.path[0] = str(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oap_directory.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    settings.DEBUG = False
    setup_test_environment()  # the test client's host is allowed
    progress(f"{args.child}: migrating")
    call_command("migrate", verbosity=0, interactive=False)
    progress(f"{args.child}: generating {args.strategies} strategies and {args.observations} observations")
    data = generate_data(args.strategies, args.observations, args.seed)
    settle_database()
    uuids = data.pop("uuids")
    client = Client()
    rng = random.Random(args.seed)
    selections = [rng.sample(uuids, TICKED) for _ in range(args.selections)]

    client.get(_url(selections[0]))  # warm-up: site settings and the category tree, once per content version
    queries = {}
    for size in (1, 10, TICKED):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(selections[0][:size])).status_code == 200
        queries[size] = len(captured)
    progress(f"{args.child}: timing {len(selections)} selections of {TICKED}")
    times, cpu = [], []
    for selection in selections:
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(_url(selection))
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200 and b"Suggested because" in response.content
    sys.stdout.write(
        json.dumps(
            {
                "database": args.child,
                "version": database_version(),
                "data": data,
                "queries": queries,
                "ms": times,
                "cpu_ms": cpu,
            }
        )
        + "\n"
    )


def run_child_process(database, url, args):
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "oap_directory.settings"}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", database]
    for option in ("strategies", "observations", "selections", "seed"):
        command += [f"--{option}", str(getattr(args, option))]
    completed = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads([line for line in completed.stdout.splitlines() if line.strip()][-1])


def format_report(results, args, runtime):
    data = results[0]["data"]
    lines = [
        "OAP Directory: needs finder benchmark",
        "=====================================",
        f"Commit:      {git_commit()}",
        f"Date:        {datetime.now(UTC).strftime('%Y-%m-%d %H:%M:%S UTC')}",
        f"CPU count:   {os.cpu_count()} (load average at the end: {' '.join(f'{n:.1f}' for n in os.getloadavg())})",
        f"Python:      {sys.version.split()[0]}",
        *(f"{result['database'] + ':':<13}{result['version']}" for result in results),
        f"Command:     .venv/bin/python tests/benchmarks/finder.py {' '.join(sys.argv[1:])}".rstrip(),
        f"Mode:        {'quick' if args.quick else 'full'}; seed {args.seed}; total runtime {runtime:.0f} s",
        "",
        f"Data (the same on both databases): {data['strategies']:,} published strategies, "
        f"{data['interventions']:,} interventions, {data['observations']:,} observations with {data['links']:,} links.",
        f"Requests: GET /finder/?phase=primary&seen=… with {TICKED} random observations ticked, through Django's test "
        f"client (whole view, template and tally write), {args.selections} selections after one warm-up; "
        "nothing is cached between requests.",
        "",
        "Wall time is what a teacher waits; Python CPU time (this process only, not the database server's) is less",
        "disturbed when other work shares the machine.",
        "",
        f"  {'database':<12}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'CPU p50':>9}{'CPU p95':>9}"
        f"   queries for 1 / 10 / {TICKED} ticked",
    ]
    for result in results:
        ms, queries = result["ms"], result["queries"]
        counts = " / ".join(str(queries[str(size)]) for size in (1, 10, TICKED))
        lines.append(
            f"  {result['database']:<12}{statistics.median(ms):>9.1f}{p95(ms):>9.1f}{max(ms):>9.1f}"
            f"{statistics.median(result['cpu_ms']):>9.1f}{p95(result['cpu_ms']):>9.1f}   {counts}"
        )
    met = all(p95(result["ms"]) < GOAL_MS for result in results)
    constant = all(len(set(result["queries"].values())) == 1 for result in results)
    lines += [
        "",
        f"Goal (p95 under {GOAL_MS} ms on both databases): {'met' if met else 'NOT met'}.",
        f"Query count constant as the selection grows: {'yes' if constant else 'NO'}.",
    ]
    return "\n".join(lines) + "\n"


def run_parent(args):
    started = time.perf_counter()
    recreate_postgres_database(args.postgres_url)
    try:
        postgres = run_child_process("postgres", args.postgres_url, args)
    finally:
        recreate_postgres_database(args.postgres_url, create=False)
    with tempfile.TemporaryDirectory(prefix="oap-finder-bench-") as folder:
        sqlite = run_child_process("sqlite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}", args)
    report(format_report([postgres, sqlite], args, time.perf_counter() - started), args.output)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 strategies, 100 observations, 20 selections")
    parser.add_argument("--strategies", type=int)
    parser.add_argument("--observations", type=int)
    parser.add_argument("--selections", type=int)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL, help="scratch database, dropped and created")
    parser.add_argument("--output", type=Path)
    parser.add_argument("--child", choices=["postgres", "sqlite"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.strategies = args.strategies or (1_000 if args.quick else 10_000)
    args.observations = args.observations or (100 if args.quick else 500)
    args.selections = args.selections or (20 if args.quick else 100)
    name = "finder-quick.txt" if args.quick else "finder.txt"
    args.output = args.output or ROOT / "docs" / "performance" / name
    return args


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.child:
        run_child(arguments)
    else:
        run_parent(arguments)
