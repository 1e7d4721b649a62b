"""The first hour, timed: from a fresh clone to a council's Word document published and searchable.

Not a pytest test. Run it from the project root:

    .venv/bin/python tests/benchmarks/first_hour.py           # fresh clone, make install, new PostgreSQL database
    .venv/bin/python tests/benchmarks/first_hour.py --quick   # this checkout and its venv, a throwaway SQLite file

Full mode does what a council's IT person does, each step timed: `git clone` the current commit into a temporary
folder, `make install` there (its own .venv; pip may use its local cache), create a new PostgreSQL database
(dropped at the end), `manage.py migrate`, and `manage.py setup_council --content empty --no-input`. Then, as the
site manager that setup_council made, through Django's test client against that database and with the same
requests the admin pages make, it does what the SEND officer does: upload the council's Word document (the fixture
of tests/imports/docx_builder.py, 40 strategies), set the section defaults (SEMH at SEN Support, the repeated
"What every classroom should do" headings into the area above), create the drafts, submit them all for review,
publish them all with the bulk action of each list, and check as a visitor that three strategies are found by the
public search and shown on their pages. It prints each step's time and the total against the 60-minute goal and
writes the report, with the commit, date, CPU count and database version, to docs/performance/first-hour.txt
(first-hour-quick.txt with --quick, which skips the clone and install so that CI keeps the script working).
A full run refuses to start from a working tree with uncommitted changes: the clone would not contain them.

Not timed: reading the document and deciding the defaults (a person's minutes, not the software's), and building
the Word file itself.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOAL_MINUTES = 60
COUNCIL = "Riverside Council"
MANAGER = "send.manager@riverside.example"
DOCUMENT = "Riverside OAP.docx"
STRATEGIES = 40
FOUND = [
    ("processing time", "Give processing time"),
    ("subtitles", "Use subtitles"),
    ("precision teaching", "Precision teaching for number facts"),
]
LISTS = ["categories/category", "categories/strategy", "resources/resource"]


def git(*arguments, cwd=ROOT):
    return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True).stdout.strip()


def progress(message):
    """A progress line on stderr, so stdout stays for results."""
    sys.stderr.write(f"[{time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


# ---------------------------------------------------------------------------------------------
# Child: the SEND officer's part, in the project being measured, on its database.
# ---------------------------------------------------------------------------------------------


class Steps:
    """Each step's name, seconds and what it found."""

    def __init__(self):
        self.rows = []

    def run(self, name, action, *arguments):
        progress(name)
        started = time.perf_counter()
        note = action(*arguments)
        self.rows.append([name, time.perf_counter() - started, note or ""])
        return note


def _expect(condition, message):
    if not condition:
        raise SystemExit(f"First hour failed: {message}")


def _section_choices(client, data):
    """“Apply to this section”: SEMH at SEN Support; the repeated classroom headings go into the area above."""
    sections = client.session["oap_word_import"]["sections"]
    for index, section in enumerate(sections):
        if section["name"].endswith("(SEMH)"):
            data[f"section-{index}-level"] = "targeted"
        if section["name"] == "What every classroom should do":
            data[f"section-{index}-target"] = "up"
    return data


def _publish_list(client, changelist):
    """What a site manager does on one admin list: filter to “in review”, tick all, bulk publish, confirm."""
    page = client.get(f"/admin/{changelist}/?status__exact=in_review").content.decode()
    selected = re.findall(r'name="_selected_action" value="(\d+)"', page)
    if not selected:
        return 0
    data = {"action": "bulk_publish", "_selected_action": selected}
    confirm = client.post(f"/admin/{changelist}/", data).content.decode()
    _expect(f"{len(selected)} of {len(selected)} selected items can be changed" in confirm, f"{changelist}: refused")
    done = client.post(f"/admin/{changelist}/", {**data, "confirmed": "yes"}, follow=True).content.decode()
    _expect(f"Publish: {len(selected)} item(s) done." in done, f"{changelist}: not published")
    return len(selected)


def run_child(args):
    sys.path.insert(0, str(Path.cwd()))  # the project being measured: a fresh clone, or this checkout
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oap_directory.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from accounts.models import User
    from categories.models import Category, Strategy
    from tests.imports.forms import form_data

    setup_test_environment()  # the test client's host is allowed
    steps, manager, visitor = Steps(), Client(), Client()
    manager.force_login(User.objects.get(email=MANAGER))
    state = {}

    def upload():
        with open(args.document, "rb") as document:
            page = manager.post("/admin/word-import/", {"document": document}, follow=True).content.decode()
        _expect(f"{STRATEGIES} strategies and 4 resources were found" in page, "the preview did not find everything")
        state["preview"] = page
        return f"{STRATEGIES} strategies and 4 resources found"

    def defaults():
        state["choices"] = _section_choices(manager, form_data(state["preview"]))
        return "SEMH at SEN Support; four “What every classroom should do” headings into the area above"

    def create():
        response = manager.post("/admin/word-import/", state["choices"], follow=True)
        result = response.content.decode()
        created = re.search(r"\d+ strategies, \d+ resources[^<]*? were created as drafts", result)
        _expect(created and f"{STRATEGIES} strategies" in created.group(0), "the drafts were not created")
        state["record"] = re.search(r"/importrecord/(\d+)/", response.redirect_chain[-1][0]).group(1)
        return created.group(0)

    def submit():
        page = manager.post(f"/admin/word-import/submit/{state['record']}/", follow=True).content.decode()
        submitted = re.search(r"(\d+) draft items? from .*? submitted for review", page)
        _expect(submitted is not None, "nothing was submitted")
        return submitted.group(0)

    def publish():
        counts = {changelist: _publish_list(manager, changelist) for changelist in LISTS}
        published = Strategy.objects.published().count()
        _expect(published == STRATEGIES, f"{published} of {STRATEGIES} strategies are published")
        return ", ".join(f"{count} {changelist.split('/')[1]}" for changelist, count in counts.items())

    def find():
        for query, title in FOUND:
            _expect(title in visitor.get("/search/", {"q": query}).content.decode(), f"search for {query!r}")
            page = visitor.get(Strategy.objects.published().get(title__startswith=title).get_absolute_url())
            _expect(page.status_code == 200 and title in page.content.decode(), f"the page of {title!r}")
        for category in Category.objects.all():
            _expect(visitor.get(category.get_absolute_url()).status_code == 200, f"the page of {category}")
        return f"{len(FOUND)} strategies found by search and shown; all {Category.objects.count()} category pages open"

    steps.run("Upload the Word document and see the preview", upload)
    steps.run("Set the section defaults", defaults)
    steps.run("Create the drafts", create)
    steps.run("Submit all for review", submit)
    steps.run("Publish each list in bulk", publish)
    steps.run("Find them as a visitor", find)
    version = connection.vendor
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0]
    else:
        import sqlite3

        version = f"SQLite {sqlite3.sqlite_version}"
    sys.stdout.write(json.dumps({"steps": steps.rows, "database": version}) + "\n")


# ---------------------------------------------------------------------------------------------
# Parent: the IT person's part, then the child, then the report.
# ---------------------------------------------------------------------------------------------


def _run(command, cwd, env=None, capture=False):
    completed = subprocess.run(
        command, cwd=cwd, env=env, check=False, text=True, stdout=subprocess.PIPE if capture else subprocess.DEVNULL
    )
    if completed.returncode != 0:
        raise SystemExit(f"First hour failed: {' '.join(map(str, command))} exited with {completed.returncode}")
    return completed.stdout


def _write_document(folder):
    sys.path.insert(0, str(ROOT))
    from tests.imports.docx_builder import council_document

    path = Path(folder) / DOCUMENT
    path.write_bytes(council_document())
    return path


def run(args):
    from tests.benchmarks.search import recreate_postgres_database

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    steps = Steps()
    with tempfile.TemporaryDirectory(prefix="oap-first-hour-") as folder:
        document = _write_document(folder)
        if args.quick:
            project, python, database_url = ROOT, Path(sys.executable), f"sqlite:///{Path(folder) / 'db.sqlite3'}"
        else:
            project, python, database_url = (
                Path(folder) / "oap",
                Path(folder) / "oap/.venv/bin/python",
                args.postgres_url,
            )
            steps.run("git clone the current commit", _clone, project)
            steps.run("make install (its own .venv)", _run, ["make", "install"], project)
            steps.run("Create a new PostgreSQL database", recreate_postgres_database, database_url)
        env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true", "LOG_LEVEL": "WARNING"}
        try:
            steps.run("manage.py migrate", _run, [python, "manage.py", "migrate", "--noinput"], project, env)
            steps.run("manage.py setup_council, empty content", _run, _setup_council(python), project, env)
            child = [python, project / "tests/benchmarks/first_hour.py", "--child", "--document", document]
            output = _run(child, project, env, capture=True)
        finally:
            if not args.quick:
                recreate_postgres_database(database_url, create=False)
                progress("PostgreSQL: database dropped")
    result = json.loads(output.splitlines()[-1])
    text = format_report(steps.rows + result["steps"], result["database"], commit, args)
    print(text, end="")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"Written to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")


def _clone(project):
    _run(["git", "clone", "--quiet", "--no-checkout", ROOT, project], ROOT)
    _run(["git", "checkout", "--quiet", "--detach", git("rev-parse", "HEAD")], project)


def _setup_council(python):
    return [
        python, "manage.py", "setup_council", "--council-name", COUNCIL, "--contact-email", "send@riverside.example",
        "--manager-email", MANAGER, "--manager-password", "first-hour-benchmark-only", "--content", "empty",
        "--no-input",
    ]  # fmt: skip


def format_report(rows, database, commit, args):
    total = sum(seconds for _name, seconds, _note in rows)
    mode = (
        "quick: this checkout and its venv, a throwaway SQLite database (no clone, no install)"
        if args.quick
        else "full: a fresh clone of the commit, make install, a new PostgreSQL database (dropped at the end)"
    )
    lines = [
        "OAP Directory: the first hour, timed",
        "====================================",
        f"Commit:      {commit}",
        f"Date:        {datetime.now(UTC).strftime('%Y-%m-%d %H:%M:%S UTC')}",
        f"CPU count:   {os.cpu_count()} (load average at the end: {' '.join(f'{n:.1f}' for n in os.getloadavg())})",
        f"Python:      {sys.version.split()[0]}",
        f"Database:    {database}",
        f"Command:     .venv/bin/python tests/benchmarks/first_hour.py {' '.join(sys.argv[1:])}".rstrip(),
        f"Mode:        {mode}",
        "",
        "Measured: each step a new council takes from a fresh clone to its own Word document published and",
        "searchable, run one after another with no manual edits: the document is tests/imports/docx_builder.py's",
        f"council_document() ({STRATEGIES} strategies in bullets and tables, five in the pupil's words only, four links);",
        "the admin steps are the requests the admin pages make, sent through Django's test client as the site manager",
        "that setup_council made (DEBUG on, as `make setup` runs). Not timed: a person reading the document and",
        "choosing the defaults.",
        "",
        f"  {'step':<48}{'seconds':>9}   what it did",
    ]
    for number, (name, seconds, note) in enumerate(rows, 1):
        lines.append(f"  {f'{number}. {name}':<48}{seconds:>9.1f}   {note}".rstrip())
    met = total < GOAL_MINUTES * 60
    lines += [
        f"  {'Total':<48}{total:>9.1f}   {total / 60:.1f} minutes",
        "",
        f"Goal (the whole first hour's scripted work within {GOAL_MINUTES} minutes): {'met' if met else 'NOT met'}.",
    ]
    return "\n".join(lines) + "\n"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="this checkout and venv, a throwaway SQLite database")
    parser.add_argument(
        "--postgres-url",
        default=f"postgres://postgres@127.0.0.1:5432/oap_first_hour_bench_{os.getpid()}",
        help="the new database to create and drop (its name must contain 'bench')",
    )
    parser.add_argument("--output", type=Path)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--document", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    name = "first-hour-quick.txt" if args.quick else "first-hour.txt"
    args.output = args.output or ROOT / "docs" / "performance" / name
    return args


def main():
    args = parse_args()
    if args.child:
        run_child(args)
        return
    if not args.quick and git("status", "--porcelain"):
        raise SystemExit("A full run measures a clone of the commit: commit or stash your changes first.")
    sys.path.insert(0, str(ROOT))
    run(args)


if __name__ == "__main__":
    main()
