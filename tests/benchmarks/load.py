"""Load test: gunicorn with production settings on PostgreSQL and the starter content.

Not a pytest test. Run it from the project root:

    .venv/bin/python tests/benchmarks/load.py            # 100 connections, 60 s per phase (about 7 minutes)
    .venv/bin/python tests/benchmarks/load.py --quick    # 10 connections, 5 s per phase (under a minute)

One run:

1. drops and creates the scratch PostgreSQL database `oap_load` on 127.0.0.1, migrates it, runs
   `load_starter_content` and `rebuild_search_index`, and collects static files into a
   temporary STATIC_ROOT;
2. starts gunicorn with gunicorn.conf.py and production settings (DEBUG=false, a random
   SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, TRUST_X_FORWARDED_PROTO=true, the default
   WEB_CONCURRENCY) on a free port of 127.0.0.1, and waits for /healthz;
3. checks every page once, warms up, then drives N concurrent HTTP/1.1 connections (a
   stdlib asyncio client; every request says `X-Forwarded-Proto: https`, as the TLS proxy
   would) in one phase per page, each for the full duration, and then one phase on the mix
   of pages. The baseline "hello" view, /healthz (one `SELECT 1`, plain text), gets its own
   phase on the same server in the same run;
4. prints, per page, requests, requests per second, p50/p95/p99 latency and errors, and the
   category page's throughput as a ratio of the baseline's, and writes the report, with the
   commit, date, CPU count, PostgreSQL version and gunicorn worker count, to
   docs/performance/load.txt (load-quick.txt with --quick).

Every step is bounded in time; traffic goes only to 127.0.0.1. gunicorn (its whole process
group) is stopped and the scratch database dropped at the end, also on errors or Ctrl-C.
Progress goes to stderr; the report to stdout and the file.
"""

import argparse
import asyncio
import math
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # the only address this script ever talks to
DATABASE_NAME = "oap_load"
DATABASE_URL = f"postgres://postgres@{HOST}:5432/{DATABASE_NAME}"
CATEGORY_GOAL = 0.5  # DESIGN.md / issue 7: category page at least 0.5x the hello view's throughput

# (page, what it is, paths). Connections cycle through a page's paths.
PAGES = [
    ("hello", "baseline: /healthz, one SELECT 1, plain text", ["/healthz"]),
    ("home", "home page", ["/"]),
    ("category", "category pages", ["/categories/reading/", "/categories/cognition-and-learning/"]),
    ("strategy", "strategy page", ["/strategies/use-phonics-throughout-the-school-day/"]),
    (
        "search",
        "search results (never cached: searches are logged)",
        ["/search/?q=phonics", "/search/?q=can%27t+concentrate"],
    ),
]
MIX_PAGES = ["home", "category", "strategy", "search"]


def progress(message):
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Facts for the report
# ---------------------------------------------------------------------------------------------


def git(*arguments):
    completed = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=30)
    return completed.stdout.rstrip("\n")  # not strip(): porcelain lines start with a space


def git_state():
    """Commit and the uncommitted changes at this moment, overall and in oap_directory/."""
    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    app_changes = git("status", "--porcelain", "--", "oap_directory/").splitlines()
    all_changes = git("status", "--porcelain").splitlines()
    return {"commit": commit, "app_changes": app_changes, "all_changes": all_changes}


def describe_git_state(state):
    if state["app_changes"]:
        shown = ", ".join(line[3:] for line in state["app_changes"][:8])
        more = f" and {len(state['app_changes']) - 8} more" if len(state["app_changes"]) > 8 else ""
        app = f"uncommitted changes in oap_directory/ ({len(state['app_changes'])}: {shown}{more})"
    else:
        app = "no uncommitted changes in oap_directory/"
    other = len(state["all_changes"]) - len(state["app_changes"])
    return f"{state['commit']}; {app}; {other} other uncommitted path(s) elsewhere"


def postgres_version():
    import psycopg

    with psycopg.connect(host=HOST, port=5432, user="postgres", dbname="postgres") as connection:
        return connection.execute("SELECT version()").fetchone()[0]


def package_version(name):
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


# ---------------------------------------------------------------------------------------------
# Scratch database and server
# ---------------------------------------------------------------------------------------------


def recreate_database(create=True):
    """Drop `oap_load` (closing its connections) and, unless create is False, create it again."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=HOST, port=5432, user="postgres", dbname="postgres", autocommit=True) as maintenance:
        maintenance.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE_NAME)))
        if create:
            maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def production_environment(folder, port, workers):
    env = dict(os.environ)
    for name in (
        "WEB_CONCURRENCY",
        "BIND",
        "PORT",
        "SECURE_SSL_REDIRECT",
        "DJANGO_SETTINGS_MODULE",
        "PAGE_CACHE_SECONDS",
    ):
        env.pop(name, None)
    env.update(
        DATABASE_URL=DATABASE_URL,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        TRUST_X_FORWARDED_PROTO="true",
        STATIC_ROOT=str(Path(folder) / "static"),
        MEDIA_ROOT=str(Path(folder) / "media"),
        BIND=f"{HOST}:{port}",
        LOG_LEVEL="INFO",
    )
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    return env


def manage(env, *arguments, timeout=600):
    started = time.perf_counter()
    command = [sys.executable, "manage.py", *arguments]
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if completed.returncode:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        raise SystemExit(f"`manage.py {' '.join(arguments)}` failed with exit code {completed.returncode}")
    return time.perf_counter() - started


def start_gunicorn(env, log_path):
    log = open(log_path, "wb")  # noqa: SIM115 - closed by stop_gunicorn
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so that it and its workers stop together
    )
    process.log_file = log
    return process


def stop_gunicorn(process):
    """SIGTERM to the process group (graceful), SIGKILL after 35 s if anything is left."""
    if process is None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        process.wait(timeout=35)
    except subprocess.TimeoutExpired:
        progress("gunicorn did not stop in 35 s; killing its process group")
    try:
        os.killpg(process.pid, signal.SIGKILL)  # workers left behind, if any
    except ProcessLookupError:
        pass
    if process.poll() is None:
        process.wait(timeout=10)
    process.log_file.close()


def log_tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def processes():
    """[(pid, parent pid, process group, command name, CPU ticks with reaped children)] from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                head, tail = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)
            except (OSError, ValueError):
                continue
            fields = tail.split()
            ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
            found.append((int(entry), int(fields[1]), int(fields[2]), head.split("(", 1)[1], ticks))
    return found


def worker_count(master, settle=10):
    """gunicorn's live workers, once their number has stopped changing for a second (up to `settle` s)."""
    deadline = time.monotonic() + settle
    count = -1
    while time.monotonic() < deadline:
        latest = sum(1 for _, parent, _, _, _ in processes() if parent == master)
        if latest == count:
            break
        count = latest
        time.sleep(1)
    return count


def cpu_snapshot(master):
    """CPU seconds so far: gunicorn's process group, PostgreSQL's processes, the machine (busy and total, all CPUs).

    Reaped children count with their parent, so gunicorn workers replaced after max_requests and PostgreSQL
    backends that have exited are not lost. PostgreSQL is the whole server (all databases).
    """
    tick = os.sysconf("SC_CLK_TCK")
    gunicorn = postgres = 0
    for _, _, group, name, ticks in processes():
        if group == master:
            gunicorn += ticks
        elif name == "postgres":
            postgres += ticks
    values = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    total = sum(values[:8])
    busy = total - values[3] - values[4]  # all but idle and iowait
    return {
        "gunicorn": gunicorn / tick,
        "postgres": postgres / tick,
        "busy": busy / tick,
        "total": total / tick,
        "client": time.process_time(),
    }


# ---------------------------------------------------------------------------------------------
# HTTP/1.1 client (asyncio streams, stdlib only)
# ---------------------------------------------------------------------------------------------


class Connection:
    """One client connection. Keeps the TCP connection open between requests unless the server closes it."""

    def __init__(self, port, stats):
        self.port = port
        self.stats = stats
        self.reader = self.writer = None
        self.closed = None
        self.request_head = (
            "GET {path} HTTP/1.1\r\n"
            f"Host: {HOST}:{port}\r\n"
            "User-Agent: oap-load-test/1 (tests/benchmarks/load.py)\r\n"
            "Accept: text/html,*/*;q=0.8\r\n"
            "X-Forwarded-Proto: https\r\n"
            "Connection: keep-alive\r\n"
            "\r\n"
        )

    async def _open(self):
        self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        self.stats["connects"] += 1

    def close(self):
        if self.writer is not None:
            self.writer.transport.abort()
        self.reader = self.writer = None

    async def get(self, path):
        """Send one GET; return (status, bytes of body). Retries once on a kept-alive connection the server had closed."""
        reused = self.writer is not None
        if not reused:
            await self._open()
        try:
            self.writer.write(self.request_head.format(path=path).encode("ascii"))
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError) as error:
            if not reused or (isinstance(error, asyncio.IncompleteReadError) and error.partial):
                raise
            self.stats["stale_retries"] += 1
            self.close()
            await self._open()
            self.writer.write(self.request_head.format(path=path).encode("ascii"))
            head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        version, status = status_line.split(" ", 2)[:2]
        headers = {}
        for line in header_lines:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            body = await self._read_chunked()
        else:
            body = await self.reader.read()  # until the server closes
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close" or version == "HTTP/1.0":
            self.stats["server_closes"] += 1
            self.closed = (self.reader, self.writer)
            self.reader = self.writer = None
        return int(status), len(body)

    async def _read_chunked(self):
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                while (await self.reader.readuntil(b"\r\n")) != b"\r\n":  # trailers, then the empty line
                    pass
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)

    def release(self):
        """After a `Connection: close` response: (reader, writer) to drain and close, or None."""
        closed, self.closed = self.closed, None
        return closed


async def drain_and_close(reader, writer):
    """Wait (briefly) for the server's FIN before closing, so that the server, not the client, closes first."""
    try:
        async with asyncio.timeout(2):
            while await reader.read(65536):
                pass
    except (TimeoutError, OSError):
        pass
    if reader.at_eof():
        writer.close()
    else:
        writer.transport.abort()


class PageStats:
    def __init__(self):
        self.latencies = []  # seconds, successful requests only
        self.errors = Counter()
        self.bytes = 0


async def drive(port, plan, connections, seconds, timeout):
    """`connections` closed-loop clients for `seconds`; connection i starts at plan[i % len(plan)] and cycles.

    Returns ({(page, path): PageStats}, counters, elapsed seconds). A request still running at the
    deadline is waited for (up to `timeout`) and counted.
    """
    results = defaultdict(PageStats)
    counters = Counter()
    started = time.perf_counter()
    deadline = started + seconds
    closing = set()

    async def client(index):
        connection = Connection(port, counters)
        position = index
        while time.perf_counter() < deadline:
            page, path = plan[position % len(plan)]
            position += 1
            stats = results[(page, path)]
            begun = time.perf_counter()
            try:
                async with asyncio.timeout(timeout):
                    status, size = await connection.get(path)
            except TimeoutError:
                stats.errors["timeout"] += 1
                connection.close()
                continue
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as error:
                stats.errors[type(error).__name__] += 1
                connection.close()
                await asyncio.sleep(0.05)  # no tight loop against a refusing server
                continue
            elapsed = time.perf_counter() - begun
            if status == 200:
                stats.latencies.append(elapsed)
                stats.bytes += size
            else:
                stats.errors[f"HTTP {status}"] += 1
            closed = connection.release()
            if closed is not None:  # the server closes after its response: drain in the background, go on
                task = asyncio.create_task(drain_and_close(*closed))
                closing.add(task)
                task.add_done_callback(closing.discard)
        connection.close()

    tasks = [asyncio.create_task(client(index)) for index in range(connections)]
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + timeout + 30)
    elapsed = time.perf_counter() - started
    if closing:
        await asyncio.wait(list(closing), timeout=5)
    return results, counters, elapsed


async def fetch_once(port, path, timeout=30):
    counters = Counter()
    connection = Connection(port, counters)
    try:
        async with asyncio.timeout(timeout):
            return await connection.get(path)
    finally:
        connection.close()
        closed = connection.release()
        if closed is not None:
            await drain_and_close(*closed)


def wait_for_health(process, port, log_path, limit=90):
    progress(f"waiting for http://{HOST}:{port}/healthz (up to {limit} s)")
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with code {process.returncode}:\n{log_tail(log_path)}")
        try:
            status, _ = asyncio.run(fetch_once(port, "/healthz", timeout=5))
            if status == 200:
                return
        except (OSError, TimeoutError, asyncio.IncompleteReadError):
            pass
        time.sleep(0.25)
    raise SystemExit(f"gunicorn did not answer /healthz within {limit} s:\n{log_tail(log_path)}")


# ---------------------------------------------------------------------------------------------
# Measuring and reporting
# ---------------------------------------------------------------------------------------------


def percentile(sorted_values, fraction):
    """Nearest-rank percentile."""
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(fraction * len(sorted_values)) - 1)]


def summarise(stats_list, elapsed):
    latencies = sorted(latency for stats in stats_list for latency in stats.latencies)
    errors = Counter()
    for stats in stats_list:
        errors.update(stats.errors)
    return {
        "requests": len(latencies) + sum(errors.values()),
        "ok": len(latencies),
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "p50": percentile(latencies, 0.50) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "max": (latencies[-1] * 1000) if latencies else float("nan"),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "kb": sum(stats.bytes for stats in stats_list) / max(1, len(latencies)) / 1024,
    }


def run_phase(name, plan, seconds, args, port, master):
    progress(f"phase {name}: {args.connections} connections for {seconds:g} s")
    before = cpu_snapshot(master)
    results, counters, elapsed = asyncio.run(drive(port, plan, args.connections, seconds, args.timeout))
    after = cpu_snapshot(master)
    used = {key: after[key] - before[key] for key in after}
    used["other"] = used["busy"] - used["gunicorn"] - used["postgres"] - used["client"]
    by_page = defaultdict(list)
    for (page, _path), stats in results.items():
        by_page[page].append(stats)
    overall = summarise(list(results.values()), elapsed)
    phase = {
        "name": name,
        "elapsed": elapsed,
        "overall": overall,
        "pages": {page: summarise(stats, elapsed) for page, stats in by_page.items()},
        "paths": {key: summarise([stats], elapsed) for key, stats in results.items()},
        "counters": counters,
        "cpu_ms_per_request": {key: used[key] * 1000 / max(1, overall["ok"]) for key in used},
        "cpu_percent_of_machine": {key: 100 * used[key] / max(1e-9, used["total"]) for key in used},
    }
    progress(
        f"phase {name}: {overall['ok']} ok in {elapsed:.1f} s = {overall['rps']:.0f} req/s, "
        f"p50 {overall['p50']:.1f} ms, p95 {overall['p95']:.1f} ms, errors {overall['errors']}"
    )
    time.sleep(1)  # let the last connections close before the next phase
    return phase


def page_plan(page):
    paths = {name: paths for name, _, paths in PAGES}[page]
    return [(page, path) for path in paths]


def mix_plan():
    return [item for page in MIX_PAGES for item in page_plan(page)]


def row(label, figures):
    return (
        f"  {label:<60} {figures['ok']:>8} {figures['rps']:>8.1f} {figures['p50']:>8.1f} {figures['p95']:>8.1f} "
        f"{figures['p99']:>8.1f} {figures['errors']:>7}"
    )


HEADER = f"  {'page: URL':<60} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"


def format_report(facts, args, phases, warmup, setup, server_log_summary, runtime):
    title = "OAP Directory: load test (gunicorn, production settings, PostgreSQL, starter content)"
    mode = "quick" if args.quick else "default"
    lines = [
        title,
        "=" * len(title),
        f"Commit:      {describe_git_state(facts['git_before'])}",
    ]
    if facts["git_after"] != facts["git_before"]:
        lines.append(f"             at the end of the run: {describe_git_state(facts['git_after'])}")
        lines.append(
            "             (workers replaced after max_requests load the code on disk when they boot, so changes made"
            " during the run may be partly measured)"
        )
    lines += [
        f"Date:        {facts['date']}",
        f"CPU count:   {os.cpu_count()} ({platform.machine()}, {platform.system()} {platform.release()})",
        f"Python:      {sys.version.split()[0]}; Django {package_version('django')}; gunicorn {package_version('gunicorn')}",
        f"PostgreSQL:  {facts['postgres']}",
        f"Load average before the run: {' '.join(f'{value:.2f}' for value in facts['load_before'])} (1, 5, 15 min); "
        "other processes on this machine are not stopped (see 'other' in the CPU table)",
        f"Server:      gunicorn -c gunicorn.conf.py: {facts['workers']} sync worker processes "
        f"({'WEB_CONCURRENCY=' + str(args.workers) if args.workers else 'default WEB_CONCURRENCY: 2 x CPUs + 1'}), "
        "1 thread each, max_requests 2000 (+ jitter), access log on",
        f"             DEBUG=false, random SECRET_KEY, ALLOWED_HOSTS={HOST}, TRUST_X_FORWARDED_PROTO=true, "
        f"database {DATABASE_NAME} (scratch) on {HOST}:5432",
        f"             bound to {HOST}:{facts['port']}; the client and the server share this machine's CPUs",
        f"Command:     .venv/bin/python tests/benchmarks/{Path(__file__).name} {' '.join(sys.argv[1:])}".rstrip(),
        f"Mode:        {mode}: {args.connections} concurrent connections, {args.seconds:g} s per phase, "
        f"request timeout {args.timeout:g} s; total runtime {runtime:.0f} s",
        "",
        "Method",
        "  Client: stdlib asyncio, HTTP/1.1 GET with `Connection: keep-alive` and `X-Forwarded-Proto: https` (as the TLS",
        "  proxy sends), closed loop: each connection sends its next request as soon as the last response is read.",
        "  gunicorn's sync workers answer every request with `Connection: close`, so each request is a new TCP",
        "  connection to 127.0.0.1; that connect is inside the measured latency.",
        "  One phase per page, each with ALL connections on that page for the full duration, so that each page's",
        "  throughput is its own and not a share of a mix; a page with two URLs alternates them. Then one phase on",
        f"  the mix ({', '.join(MIX_PAGES)}; every URL equally often) for the same duration.",
        "  The baseline ('hello') is /healthz: a minimal view, one `SELECT 1`, plain text, never cached; it runs",
        "  through the full middleware stack on the same server in the same run.",
        "  Pages: "
        + "; ".join(f"{name} = {description} ({', '.join(paths)})" for name, description, paths in PAGES)
        + ".",
        "  Latency: from sending the request (connect included) to the last byte of the response; requests per",
        "  second count 200 responses over the phase's duration. Errors: any non-200, timeout or connection error.",
        "  Warm-up: each URL fetched once (must be 200; this also fills the page cache where there is one), then all",
        f"  URLs mixed at full concurrency for {args.warmup:g} s, not counted.",
        "",
        f"Setup (s): {', '.join(f'{step} {seconds:.1f}' for step, seconds in setup.items())}",
        f"Warm-up: {warmup['overall']['ok']} requests, {warmup['overall']['errors']} errors"
        + (f" ({dict(warmup['overall']['error_kinds'])})" if warmup["overall"]["errors"] else ""),
        "",
        "Results: one phase per page (all connections on that page)",
        HEADER,
    ]
    single = {}
    for page, _, paths in PAGES:
        phase = next((phase for phase in phases if phase["name"] == page), None)
        if phase is None:
            continue
        single[page] = phase["overall"]
        label = f"{page} (baseline)" if page == "hello" else page
        lines.append(row(f"{label}: {paths[0] if len(paths) == 1 else 'both URLs'}", phase["overall"]))
        for path in paths if len(paths) > 1 else []:
            if (page, path) in phase["paths"]:
                lines.append(row(f"    {path}", phase["paths"][(page, path)]))
    mix = next((phase for phase in phases if phase["name"] == "mix"), None)
    if mix:
        lines += ["", f"Results: the mix ({args.connections} connections over {', '.join(MIX_PAGES)})", HEADER]
        lines.append(row("all pages", mix["overall"]))
        for page in MIX_PAGES:
            if page in mix["pages"]:
                lines.append(row(f"  {page}", mix["pages"][page]))
    lines += [
        "",
        f"CPU per phase: share of the machine ({os.cpu_count()} CPUs) and CPU ms per successful request. gunicorn = its",
        "master and workers; PostgreSQL = the whole server (all databases); client = this script; other = the rest",
        "of the busy time: other processes on the machine and kernel work not charged to a process.",
        f"  {'phase':<10} {'busy':>5} {'gunicorn':>9} {'PostgreSQL':>11} {'client':>7} {'other':>6}   "
        f"{'ms/request: gunicorn':>20} {'PostgreSQL':>10} {'client':>7} {'other':>6}   {'TCP connects':>12}",
    ]
    for phase in phases:
        share, cost = phase["cpu_percent_of_machine"], phase["cpu_ms_per_request"]
        lines.append(
            f"  {phase['name']:<10} {share['busy']:>4.0f}% {share['gunicorn']:>8.0f}% {share['postgres']:>10.0f}% "
            f"{share['client']:>6.0f}% {share['other']:>5.0f}%   {cost['gunicorn']:>20.2f} {cost['postgres']:>10.2f} "
            f"{cost['client']:>7.2f} {cost['other']:>6.2f}   {phase['counters']['connects']:>12}"
        )
    total_errors = sum(phase["overall"]["errors"] for phase in phases)
    error_kinds = Counter()
    for phase in phases:
        error_kinds.update(phase["overall"]["error_kinds"])
    lines += [""]
    if "category" in single and "hello" in single and single["hello"]["rps"]:
        ratio = single["category"]["rps"] / single["hello"]["rps"]
        verdict = "met" if ratio >= CATEGORY_GOAL else "NOT met"
        lines.append(
            f"Category / hello (baseline) throughput: {single['category']['rps']:.1f} / {single['hello']['rps']:.1f} "
            f"req/s = {ratio:.2f}x (goal >= {CATEGORY_GOAL}x): {verdict}"
        )
        for page in ("home", "strategy", "search"):
            if page in single:
                lines.append(f"  for comparison, {page} / hello: {single[page]['rps'] / single['hello']['rps']:.2f}x")
        by_name = {phase["name"]: phase for phase in phases}

        def server_ms(page):
            cost = by_name[page]["cpu_ms_per_request"]
            return cost["gunicorn"] + cost["postgres"]

        lines += [
            "  Cross-check, less sensitive to other load on the machine: server CPU per request (gunicorn + PostgreSQL)",
            f"  hello {server_ms('hello'):.2f} ms, category {server_ms('category'):.2f} ms: the same CPU serves "
            f"{server_ms('hello') / server_ms('category'):.2f}x as many category pages as hello requests.",
        ]
    lines.append(f"Errors: {total_errors} (goal 0)" + (f": {dict(error_kinds)}" if total_errors else ""))
    lines.append(f"Server log: {server_log_summary}")
    return "\n".join(lines) + "\n"


def summarise_server_log(path, workers):
    text = Path(path).read_text(errors="replace") if Path(path).exists() else ""
    log_lines = text.splitlines()
    access = [line for line in log_lines if "logger=gunicorn.access" in line]
    statuses = Counter(line.split("status=", 1)[1].split()[0] for line in access if "status=" in line)
    boots = sum(1 for line in log_lines if "Booting worker" in line)
    problems = [line for line in log_lines if "level=ERROR" in line or "[CRITICAL]" in line or "WORKER TIMEOUT" in line or "Traceback" in line]  # fmt: skip
    summary = (
        f"{len(access)} requests logged, statuses {dict(sorted(statuses.items()))}; "
        f"{boots} worker boots ({workers} at start, the rest replacements after max_requests); "
        f"{len(problems)} error/critical/timeout lines"
    )
    if problems:
        summary += "\n  " + "\n  ".join(problems[:10])
    return summary


def measure(args, port, master):
    """Check each URL, warm up, then the phases. Returns (warm-up phase, phases)."""
    for _page, _, paths in PAGES:
        for path in paths:
            status, size = asyncio.run(fetch_once(port, path))
            if status != 200:
                raise SystemExit(f"{path} answered {status}, not 200: fix the page list or the server, then run again")
            progress(f"checked {path}: 200, {size} bytes")
    everything = [item for page, _, _ in PAGES for item in page_plan(page)]
    warmup = run_phase("warm-up", everything, args.warmup, args, port, master)
    phases = [run_phase(page, page_plan(page), args.seconds, args, port, master) for page, _, _ in PAGES]
    phases.append(run_phase("mix", mix_plan(), args.seconds, args, port, master))
    return warmup, phases


def run(args):
    started = time.perf_counter()
    facts = {"git_before": git_state(), "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")}
    facts["postgres"] = postgres_version()
    facts["load_before"] = os.getloadavg()
    progress(f"commit {describe_git_state(facts['git_before'])}")
    server = None
    setup = {}
    with tempfile.TemporaryDirectory(prefix="oap-load-") as folder:
        log_path = Path(folder) / "gunicorn.log"
        try:
            progress(f"creating the scratch database {DATABASE_NAME} on {HOST}")
            recreate_database()
            port = free_port()
            facts["port"] = port
            env = production_environment(folder, port, args.workers)
            for step, arguments in [
                ("migrate", ["migrate", "--noinput"]),
                ("load_starter_content", ["load_starter_content"]),
                ("rebuild_search_index", ["rebuild_search_index"]),
                ("collectstatic", ["collectstatic", "--noinput", "--verbosity", "0"]),
            ]:
                progress(f"manage.py {' '.join(arguments)}")
                setup[step] = manage(env, *arguments)
            progress(f"starting gunicorn on {HOST}:{port}")
            server = start_gunicorn(env, log_path)
            wait_for_health(server, port, log_path)
            facts["workers"] = worker_count(server.pid)
            progress(f"gunicorn is up with {facts['workers']} workers")
            warmup, phases = measure(args, port, server.pid)
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited during the run:\n{log_tail(log_path)}")
        finally:
            if server is not None:
                progress("stopping gunicorn (its process group)")
                stop_gunicorn(server)
            progress(f"dropping the scratch database {DATABASE_NAME}")
            try:
                recreate_database(create=False)
            except Exception as error:  # noqa: BLE001 - report it, but do not hide the original error
                progress(f"could not drop {DATABASE_NAME}: {error}")
        server_log_summary = summarise_server_log(log_path, facts["workers"])
    facts["git_after"] = git_state()
    text = format_report(facts, args, phases, warmup, setup, server_log_summary, time.perf_counter() - started)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text, end="")
    progress(f"written to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return phases


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 connections, 5 s per phase; writes load-quick.txt")
    parser.add_argument("--connections", type=int, help="concurrent connections (default 100; 10 with --quick)")
    parser.add_argument("--seconds", type=float, help="duration of each phase (default 60; 5 with --quick)")
    parser.add_argument(
        "--warmup", type=float, help="seconds of warm-up at full concurrency (default 5; 2 with --quick)"
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="per-request timeout in seconds (default 30)")
    parser.add_argument("--workers", type=int, help="WEB_CONCURRENCY for gunicorn (default: gunicorn.conf.py's)")
    parser.add_argument("--output", type=Path, help="report file (default docs/performance/load[-quick].txt)")
    args = parser.parse_args(argv)
    if args.connections is None:
        args.connections = 10 if args.quick else 100
    if args.seconds is None:
        args.seconds = 5.0 if args.quick else 60.0
    if args.warmup is None:
        args.warmup = 2.0 if args.quick else 5.0
    if not (1 <= args.connections <= 1000):
        parser.error("--connections must be between 1 and 1000")
    if not (0 < args.seconds <= 600) or not (0 <= args.warmup <= 60) or not (0 < args.timeout <= 120):
        parser.error("--seconds must be in (0, 600], --warmup in [0, 60], --timeout in (0, 120]")
    if args.output is None:
        args.output = ROOT / "docs" / "performance" / ("load-quick.txt" if args.quick else "load.txt")
    return args


def main():
    args = parse_args()

    def terminate(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, terminate)
    run(args)


if __name__ == "__main__":
    main()
