"""Benchmark: how long the PDF of a 50-item list takes to render (the goal is under 5 seconds).

Not a pytest test. Run it from the project root:

    DEBUG=true .venv/bin/python tests/benchmarks/my_list_pdf.py           # 50 items, 5 renders
    DEBUG=true .venv/bin/python tests/benchmarks/my_list_pdf.py --quick   # 10 items, 1 render: CI keeps it working

It creates a throwaway test database (SQLite in memory unless DATABASE_URL says otherwise), adds 50 published
strategies whose "how to do it" is about 150 words, warms the renderer up once (the first PDF in a worker loads
WeasyPrint's fonts), then renders /my-list/pdf/ for all 50 five times, and writes the timings with the commit,
date, CPU count, load average and database version to docs/performance/my-list-pdf.txt (my-list-pdf-quick.txt
with --quick).
"""

import io
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
ITEMS = 50
RUNS = 5
GOAL_SECONDS = 5.0
HOW = (
    "<p>Before the lesson, choose two or three moments when the pupil can stand, stretch or carry something "
    "to another part of the room. Agree a quiet signal with them so that they can ask for a break without "
    "having to explain in front of the class. Keep each break short, between one and three minutes, and "
    "give a clear job to do so that the break has a beginning and an end.</p><ul><li>Use a timer the pupil "
    "can see.</li><li>Praise the return to work, not the break itself.</li><li>Review with the pupil after a "
    "fortnight: which breaks helped, and which did not?</li></ul><p>Share what works with other adults who "
    "teach the pupil so that the approach is the same in every lesson.</p>"
)


def git(*arguments):
    return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def main():
    quick = "--quick" in sys.argv[1:]
    items, runs = (10, 1) if quick else (ITEMS, RUNS)
    load_before = os.getloadavg()[0]
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oap_directory.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        from oap_directory.models import SiteSettings
        from tests.factories import make_strategy

        SiteSettings.load()
        strategies = [make_strategy(title=f"Planned movement breaks, version {n}", how=HOW) for n in range(items)]
        url = "/my-list/pdf/?items=" + ",".join(str(strategy.uuid) for strategy in strategies)
        client = Client()
        client.get(url)  # warm-up: fonts
        timings, pages = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
            assert response["Content-Type"] == "application/pdf"
            pages = len(PdfReader(io.BytesIO(response.content)).pages)
        database = f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else connection.pg_version}"
    finally:
        teardown_databases(old_config, verbosity=0)

    commit = (git("rev-parse", "--short", "HEAD") or "unknown") + (
        " (working tree has uncommitted changes)" if git("status", "--porcelain") else ""
    )
    median = statistics.median(timings)
    report = "\n".join(
        [
            "My list PDF benchmark (tests/benchmarks/my_list_pdf.py)",
            f"Commit:      {commit}",
            f"Date:        {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            f"CPU count:   {os.cpu_count()}",
            f"Load (1 min): {load_before:.2f} before, {os.getloadavg()[0]:.2f} after (a shared machine is noisy)",
            f"Database:    {database}",
            f"Mode:        {'quick' if quick else 'full'}",
            f"List:        {items} strategies, each with about 150 words of how to do it; PDF pages: {pages}",
            f"Renders:     {runs} after one warm-up render, one at a time in one process",
            f"Seconds:     min {min(timings):.2f}, median {median:.2f}, max {max(timings):.2f}",
            f"Goal:        under {GOAL_SECONDS:.0f} s -> {'met' if median < GOAL_SECONDS else 'NOT met'} (median)",
            "",
        ]
    )
    print(report)
    name = "my-list-pdf-quick.txt" if quick else "my-list-pdf.txt"
    (ROOT / "docs" / "performance" / name).write_text(report)


if __name__ == "__main__":
    main()
