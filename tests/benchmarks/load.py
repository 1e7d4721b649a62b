"""Load test: the site under gunicorn with production settings on PostgreSQL and the starter content, against a
bare Django "hello" view served by the same gunicorn settings in the same run.

Not a pytest test. Run it from the project root (it needs `wrk`: `apt-get install wrk`):

    .venv/bin/python tests/benchmarks/load.py            # 30 s per phase, about 8 minutes; needs a clean tree
    .venv/bin/python tests/benchmarks/load.py --quick    # 3 s per phase, about 1.5 minutes (CI)

One run:

1. refuses to start (full runs only) unless the working tree is clean, and records the commit;
2. creates a scratch PostgreSQL database `oap_load_<process id>` on 127.0.0.1 (two runs never share one), migrates
   it, loads the starter content, rebuilds the search index, analyses its tables and collects static files into a
   temporary STATIC_ROOT;
3. starts three gunicorn servers with gunicorn.conf.py (default WEB_CONCURRENCY, access log on) on free ports of
   127.0.0.1: the bare "hello" app (tests/benchmarks/hello.py), the site with the page cache off
   (PAGE_CACHE_SECONDS=0: every request renders) and the site with it on; both sites with DEBUG=false, a random
   SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SITE_URL and TRUST_X_FORWARDED_PROTO=true;
4. checks each URL once (status, encoding, size), then drives `wrk` (2 threads, N connections, every request
   with `Accept-Encoding: br, gzip` and `X-Forwarded-Proto: https`, as a browser behind the TLS proxy) for one
   phase per (server, page), hello first and last, so that drift on a shared machine shows;
5. measures a first visit's transfer to a category page (HTML, CSS and JavaScript, compressed as served);
6. prints and writes the report, with the commit, date, CPU count, load average, PostgreSQL version, what else
   was running and the ratios against the goals, to docs/performance/load.txt (load-quick.txt with --quick).

Every step is bounded in time; traffic goes only to 127.0.0.1. The servers (their whole process groups) are
stopped and the scratch database dropped at the end, also on errors or Ctrl-C. Progress goes to stderr.
"""

import argparse
import http.client
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # the only address this script ever talks to
DATABASE_NAME = f"oap_load_{os.getpid()}"
DATABASE_URL = f"postgres://postgres@{HOST}:5432/{DATABASE_NAME}"
SITE_URL = "https://oap.example.org"
BROWSER_HEADERS = {"Accept-Encoding": "br, gzip", "X-Forwarded-Proto": "https", "Accept": "text/html,*/*;q=0.8"}
CATEGORY = "/categories/whole-school/"  # the heaviest category page of the starter content (28 strategies)

# (name, server, path, extra headers, what it is). Servers: hello, uncached (page cache off), cached (on).
PHASES = [
    ("hello", "hello", "/", {}, "bare Django hello view, two middleware, no database"),
    ("healthz", "cached", "/healthz", {}, "/healthz through the full middleware stack (one SELECT 1)"),
    ("home uncached", "uncached", "/", {}, "home page, rendered every time"),
    ("home cached", "cached", "/", {}, "home page from the page cache"),
    ("category uncached", "uncached", CATEGORY, {}, "category page, rendered every time"),
    ("category cached", "cached", CATEGORY, {}, "category page from the page cache"),
    ("category 304", "cached", CATEGORY, {"If-None-Match": None}, "category revisit with If-None-Match: 304"),
    ("strategy uncached", "uncached", "/strategies/use-phonics-throughout-the-school-day/", {}, "strategy page"),
    ("strategy cached", "cached", "/strategies/use-phonics-throughout-the-school-day/", {}, "strategy page"),
    ("search", "cached", "/search/?q=phonics", {}, "search results (never cached: every search is logged)"),
    ("hello again", "hello", "/", {}, "the baseline again, to show drift"),
]
GOALS = [
    # (label, numerator phase, denominator phase, goal, floor): throughput ratios, higher is better
    ("cached category page / hello", "category cached", "hello", 0.5, 0.3),
    ("uncached category page / hello", "category uncached", "hello", 0.1, 0.05),
    ("/healthz / hello", "healthz", "hello", 0.5, 0.3),
]
REVISIT_GOAL = 1.2  # a 304 costs at most 1.2x what /healthz costs
TRANSFER_GOAL_KB = 60


def progress(message):
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Facts for the report
# ---------------------------------------------------------------------------------------------


def git(*arguments):
    completed = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=30)
    return completed.stdout.rstrip("\n")  # not strip(): porcelain lines start with a space


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


def recreate_database(create=True):
    """Drop the scratch database (closing its connections) and, unless create is False, create it again."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=HOST, port=5432, user="postgres", dbname="postgres", autocommit=True) as maintenance:
        maintenance.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE_NAME)))
        if create:
            maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))


def analyse_database():
    """Table statistics, as autovacuum would have them on a site in use: without them PostgreSQL plans a freshly
    loaded database's queries blind (a category page's strategy query ran in 0.6 ms, 0.25 ms after ANALYZE)."""
    import psycopg

    with psycopg.connect(host=HOST, port=5432, user="postgres", dbname=DATABASE_NAME, autocommit=True) as connection:
        connection.execute("ANALYZE")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def manage(env, *arguments, timeout=600):
    started = time.perf_counter()
    command = [sys.executable, "manage.py", *arguments]
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if completed.returncode:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        raise SystemExit(f"`manage.py {' '.join(arguments)}` failed with exit code {completed.returncode}")
    return time.perf_counter() - started


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


def git_commit():
    return git("rev-parse", "--short", "HEAD").strip() or "unknown"


def other_activity():
    """The busiest other processes right now (name and CPU share since they started): what shared the machine."""
    own = {os.getpid()}
    found = []
    for pid, _parent, _group, name, ticks in processes():
        if pid in own:
            continue
        try:
            started = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
        except (OSError, ValueError, IndexError):
            continue
        uptime = float(Path("/proc/uptime").read_text().split()[0]) * os.sysconf("SC_CLK_TCK")
        age = max(1.0, uptime - started)
        if ticks / age > 0.05:
            found.append((ticks / age, name))
    found.sort(reverse=True)
    return ", ".join(f"{name} {share:.0%}" for share, name in found[:8]) or "nothing above 5% of a CPU"


# ---------------------------------------------------------------------------------------------
# Scratch database and servers
# ---------------------------------------------------------------------------------------------


def site_environment(folder, port, page_cache_seconds):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"WEB_CONCURRENCY", "BIND", "PORT", "SECURE_SSL_REDIRECT", "DJANGO_SETTINGS_MODULE", "DEBUG"}
    }
    env.update(
        DATABASE_URL=DATABASE_URL,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SITE_URL=SITE_URL,
        TRUST_X_FORWARDED_PROTO="true",
        STATIC_ROOT=str(Path(folder) / "static"),
        MEDIA_ROOT=str(Path(folder) / "media"),
        BIND=f"{HOST}:{port}",
        LOG_LEVEL="INFO",
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
    )
    return env


def start_gunicorn(env, log_path, app=None):
    log = open(log_path, "wb")  # noqa: SIM115 - closed by stop_gunicorn
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", *([app] if app else [])],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so that it and its workers stop together
    )
    process.log_file = log
    process.log_path = log_path
    return process


def wait_until_up(process, port, path, limit=90):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with code {process.returncode}:\n{log_tail(process.log_path)}")
        try:
            if fetch(port, path)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"gunicorn did not answer {path} within {limit} s:\n{log_tail(process.log_path)}")


def database_backends():
    """Process ids of the PostgreSQL backends serving the scratch database (the servers keep their connections)."""
    import psycopg

    with psycopg.connect(host=HOST, port=5432, user="postgres", dbname="postgres") as connection:
        rows = connection.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [DATABASE_NAME]).fetchall()
    return {pid for (pid,) in rows}


def cpu_snapshot(groups, backends):
    """CPU ticks so far: the servers' process groups, each PostgreSQL backend serving the scratch database (not other
    databases on the same server), wrk, and the machine (busy and total)."""
    used, per_backend = Counter(), {}
    for pid, _, group, name, ticks in processes():
        if group in groups:
            used["gunicorn"] += ticks
        elif pid in backends:
            per_backend[pid] = ticks
        elif name == "wrk":
            used["client"] += ticks
    values = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    used["total"] = sum(values[:8])
    used["busy"] = used["total"] - values[3] - values[4]  # all but idle and iowait
    return used, per_backend


def cpu_used(before, after):
    """CPU seconds between two snapshots. A backend counts only if it lived through both (one that ended mid-phase
    took its ticks with it)."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {key: (after[0][key] - before[0][key]) / tick for key in ("gunicorn", "client", "busy", "total")}
    both = before[1].keys() & after[1].keys()
    used["postgres"] = sum(after[1][pid] - before[1][pid] for pid in both) / tick
    return used


# ---------------------------------------------------------------------------------------------
# Requests: one at a time with http.client, under load with wrk
# ---------------------------------------------------------------------------------------------


def fetch(port, path, headers=None):
    """One GET: (status, headers as a lower-cased dict, body bytes as sent, compressed or not)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={**BROWSER_HEADERS, **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, body
    finally:
        connection.close()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(port, path, headers, args):
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds:g}s", "--latency", "--timeout", "10s"]
    for name, value in {**BROWSER_HEADERS, **headers}.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{HOST}:{port}{path}")
    completed = subprocess.run(command, capture_output=True, text=True, timeout=args.seconds + 60)
    if completed.returncode:
        raise SystemExit(f"wrk failed ({completed.returncode}):\n{completed.stderr}")
    return parse_wrk(completed.stdout)


def parse_wrk(output):
    def number(pattern, default=0.0):
        found = re.search(pattern, output)
        return float(found.group(1)) if found else default

    latency = {}
    for percent, value, unit in re.findall(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE):
        latency[percent] = float(value) * UNITS[unit]
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests": int(number(r"(\d+) requests in")),
        "rps": number(r"Requests/sec:\s+([\d.]+)"),
        "p50": latency.get("50", float("nan")),
        "p90": latency.get("90", float("nan")),
        "p99": latency.get("99", float("nan")),
        "bad_status": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        # read errors are gunicorn closing each connection after its response (sync workers): not failures
        "errors": sum(int(value) for value in socket_errors.group(1, 3, 4)) if socket_errors else 0,
    }


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


def check(port, path, headers):
    """Fetch once, as the phase will: the status must be 200 (304 for a revisit); returns a one-line description."""
    status, response_headers, body = fetch(port, path, headers)
    expected = 304 if "If-None-Match" in headers else 200
    if status != expected:
        raise SystemExit(f"{path} answered {status}, not {expected}: fix the page list or the server, then run again")
    encoding = response_headers.get("content-encoding", "identity")
    cache_control = response_headers.get("cache-control", "-")
    return f"{status}, {len(body)} bytes ({encoding}), Cache-Control: {cache_control}"


def run_phase(name, port, path, headers, args, groups):
    progress(f"phase {name}: {path}, {args.connections} connections for {args.seconds:g} s")
    backends = database_backends()  # opened during the warm-up; a backend that ends mid-phase loses its ticks
    before = cpu_snapshot(groups, backends)
    result = run_wrk(port, path, headers, args)
    after = cpu_snapshot(groups, backends)
    used = cpu_used(before, after)
    done = max(1, result["requests"])
    result["cpu_ms"] = {key: used[key] * 1000 / done for key in ("gunicorn", "postgres", "client")}
    result["machine_busy"] = 100 * used["busy"] / max(1e-9, used["total"])
    progress(f"phase {name}: {result['rps']:.0f} req/s, p50 {result['p50']:.1f} ms, errors {result['errors']}")
    time.sleep(1)  # let the last connections close before the next phase
    return result


def first_visit_transfer(port):
    """Bytes a browser downloads on a first visit to the category page: the page, its CSS and its JavaScript
    (with the modules they import), each compressed as served, headers included."""
    seen, queue, rows = set(), [CATEGORY], []
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, headers, body = fetch(port, path)
        head = sum(len(name) + len(value) + 4 for name, value in headers.items()) + 20
        rows.append((path, status, headers.get("content-encoding", "identity"), len(body), head))
        text = _decoded(body, headers.get("content-encoding"))
        if path == CATEGORY:
            queue += re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
            queue += re.findall(r'<script[^>]+src="([^"]+)"', text)
        elif path.endswith(".js"):
            base = path.rsplit("/", 1)[0]
            queue += [f"{base}/{name.removeprefix('./')}" for name in re.findall(r"from\s+'(\./[^']+)'", text)]
    return rows


def _decoded(body, encoding):
    import gzip

    import brotli

    if encoding == "br":
        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


def summarise_server_log(path):
    text = Path(path).read_text(errors="replace") if Path(path).exists() else ""
    log_lines = text.splitlines()
    access = [line for line in log_lines if "logger=gunicorn.access" in line]
    statuses = Counter(line.split("status=", 1)[1].split()[0] for line in access if "status=" in line)
    problems = [
        line
        for line in log_lines
        if any(mark in line for mark in ("level=ERROR", "[CRITICAL]", "WORKER TIMEOUT", "Traceback"))
    ]
    summary = f"{len(access)} requests logged, statuses {dict(sorted(statuses.items()))}; {len(problems)} error lines"
    return summary + ("\n    " + "\n    ".join(problems[:5]) if problems else "")


# ---------------------------------------------------------------------------------------------
# The run and its report
# ---------------------------------------------------------------------------------------------


def measure(args, ports, groups):
    checks, results = {}, {}
    etag = fetch(ports["cached"], CATEGORY)[1]["etag"]
    for name, server, path, headers, _ in PHASES:
        headers = {key: (etag if value is None else value) for key, value in headers.items()}
        checks[name] = check(ports[server], path, headers)
        progress(f"checked {name}: {checks[name]}")
    for _name, server, path, headers, _ in PHASES:  # warm every worker's per-process state and the page cache
        headers = {key: (etag if value is None else value) for key, value in headers.items()}
        run_wrk(ports[server], path, headers, argparse.Namespace(connections=args.connections, seconds=1))
    for name, server, path, headers, _ in PHASES:
        headers = {key: (etag if value is None else value) for key, value in headers.items()}
        results[name] = run_phase(name, ports[server], path, headers, args, groups)
    return checks, results, first_visit_transfer(ports["cached"])


def run(args):
    started = time.perf_counter()
    facts = {
        "commit": git_commit(),
        "dirty": git("status", "--porcelain").splitlines(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "postgres": postgres_version(),
        "load_before": os.getloadavg(),
        "others": other_activity(),
    }
    servers, setup = {}, {}
    with tempfile.TemporaryDirectory(prefix="oap-load-") as folder:
        try:
            progress(f"creating the scratch database {DATABASE_NAME} on {HOST}")
            recreate_database()
            env = site_environment(folder, 0, 0)
            for step, arguments in [
                ("migrate", ["migrate", "--noinput"]),
                ("load_starter_content", ["load_starter_content"]),
                ("rebuild_search_index", ["rebuild_search_index"]),
                ("collectstatic", ["collectstatic", "--noinput", "--verbosity", "0"]),
            ]:
                progress(f"manage.py {' '.join(arguments)}")
                setup[step] = manage(env, *arguments)
            started = time.monotonic()
            analyse_database()
            setup["analyze"] = time.monotonic() - started
            ports = {name: free_port() for name in ("hello", "uncached", "cached")}
            for name, cache_seconds in (("uncached", 0), ("cached", 600)):
                env = site_environment(folder, ports[name], cache_seconds)
                servers[name] = start_gunicorn(env, Path(folder) / f"{name}.log")
            hello_env = site_environment(folder, ports["hello"], 0)
            servers["hello"] = start_gunicorn(
                hello_env, Path(folder) / "hello.log", app="tests.benchmarks.hello:application"
            )
            for name, server in servers.items():
                wait_until_up(server, ports[name], "/" if name == "hello" else "/healthz")
            facts["workers"] = {name: worker_count(server.pid) for name, server in servers.items()}
            progress(f"gunicorn is up: {facts['workers']} workers")
            groups = {server.pid for server in servers.values()}
            checks, results, transfer = measure(args, ports, groups)
        finally:
            for name, server in servers.items():
                progress(f"stopping gunicorn ({name})")
                stop_gunicorn(server)
            progress(f"dropping the scratch database {DATABASE_NAME}")
            try:
                recreate_database(create=False)
            except Exception as error:  # noqa: BLE001 - report it, but do not hide the original error
                progress(f"could not drop {DATABASE_NAME}: {error}")
        logs = {name: summarise_server_log(server.log_path) for name, server in servers.items()}
    facts["load_after"] = os.getloadavg()
    text = format_report(facts, args, setup, checks, results, transfer, logs, time.perf_counter() - started)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text, end="")
    progress(f"written to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return results


def format_report(facts, args, setup, checks, results, transfer, logs, runtime):
    title = "OAP Directory: load test (gunicorn, production settings, PostgreSQL, starter content)"
    commit = facts["commit"] + (f" with {len(facts['dirty'])} uncommitted path(s)" if facts["dirty"] else " (clean)")
    lines = [
        title,
        "=" * len(title),
        f"Commit:      {commit}",
        f"Date:        {facts['date']}",
        f"CPU count:   {os.cpu_count()} ({platform.machine()}, {platform.system()} {platform.release()})",
        f"Python:      {sys.version.split()[0]}; Django {package_version('django')}; gunicorn "
        f"{package_version('gunicorn')}; {subprocess.run(['wrk', '--version'], capture_output=True, text=True).stdout.split(chr(10))[0]}",
        f"PostgreSQL:  {facts['postgres']}",
        f"Load average: before {' '.join(f'{v:.2f}' for v in facts['load_before'])}, after "
        f"{' '.join(f'{v:.2f}' for v in facts['load_after'])} (1, 5, 15 min). Other processes are not stopped;",
        f"             busiest others at the start (CPU share since they began): {facts['others']}",
        f"Servers:     gunicorn -c gunicorn.conf.py, workers {facts['workers']} (sync, 1 thread, preloaded, access log on);",
        "             hello = tests/benchmarks/hello.py; uncached = the site with PAGE_CACHE_SECONDS=0; cached = 600;",
        f"             sites: DEBUG=false, ALLOWED_HOSTS={HOST}, SITE_URL={SITE_URL}, database {DATABASE_NAME} (scratch)",
        f"Client:      wrk, 2 threads, {args.connections} connections, {args.seconds:g} s per phase, headers "
        + ", ".join(f"{name}: {value}" for name, value in BROWSER_HEADERS.items()),
        f"Command:     .venv/bin/python tests/benchmarks/{Path(__file__).name} {' '.join(sys.argv[1:])}".rstrip(),
        f"Runtime:     {runtime:.0f} s; setup (s): {', '.join(f'{step} {seconds:.1f}' for step, seconds in setup.items())}",
        "",
        "Each phase: all connections on one URL of one server, one phase after another (hello first and last). The",
        "client and the servers share the machine's CPUs. Requests/s count every response; a phase with any",
        "unexpected status or socket error is flagged. Server CPU = gunicorn (that server's master and workers) +",
        "PostgreSQL (the backends serving the scratch database), per request: a cross-check less sensitive to other load",
        "on the machine (given as gunicorn + PostgreSQL).",
        "",
        f"  {'phase':<19} {'req/s':>8} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'errors':>6}  "
        f"{'server CPU ms/req':>19}  {'busy':>5}  what (check: status, bytes as sent)",
    ]
    for name, _server, path, _headers, what in PHASES:
        r = results[name]
        server_ms = f"{r['cpu_ms']['gunicorn']:.2f} + {r['cpu_ms']['postgres']:.2f}"
        lines.append(
            f"  {name:<19} {r['rps']:>8.1f} {r['p50']:>7.1f} {r['p90']:>7.1f} {r['p99']:>7.1f} "
            f"{r['errors'] + r['bad_status']:>6}  {server_ms:>19}  {r['machine_busy']:>4.0f}%  {what}: {path}"
            f" ({checks[name]})"
        )
    hello = (results["hello"]["rps"] + results["hello again"]["rps"]) / 2
    lines += ["", f"Goals (throughput against hello = mean of the two hello phases, {hello:.1f} req/s):"]
    for label, numerator, _denominator, goal, floor in GOALS:
        ratio = results[numerator]["rps"] / hello if hello else 0.0
        lines.append(f"  {label:<34} {ratio:>6.3f}x  goal >= {goal}x, floor {floor}x: {_verdict(ratio, goal, floor)}")
    revisit = results["healthz"]["rps"] / max(1e-9, results["category 304"]["rps"])
    verdict = "met" if revisit <= REVISIT_GOAL else "NOT met"
    lines.append(
        f"  {'304 revisit cost / /healthz cost':<34} {revisit:>6.3f}x  goal <= {REVISIT_GOAL}x "
        f"(inverse throughput): {verdict}"
    )
    total = sum(body + head for _, _, _, body, head in transfer)
    lines.append(
        f"  {'first visit to a category page':<34} {total / 1024:>6.1f} KB goal <= {TRANSFER_GOAL_KB} KB: "
        f"{'met' if total / 1024 <= TRANSFER_GOAL_KB else 'NOT met'}"
    )
    for path, status, encoding, body, head in transfer:
        lines.append(f"      {path}: {status}, {encoding}, {body} bytes + {head} bytes of headers")
    cached_ms = results["category cached"]["cpu_ms"]
    hello_ms = results["hello"]["cpu_ms"]
    lines += [
        "",
        "Cross-check by server CPU per request (ms, gunicorn + PostgreSQL): hello "
        f"{hello_ms['gunicorn'] + hello_ms['postgres']:.2f}, healthz "
        f"{results['healthz']['cpu_ms']['gunicorn'] + results['healthz']['cpu_ms']['postgres']:.2f}, category cached "
        f"{cached_ms['gunicorn'] + cached_ms['postgres']:.2f}, category uncached "
        f"{results['category uncached']['cpu_ms']['gunicorn'] + results['category uncached']['cpu_ms']['postgres']:.2f},"
        f" category 304 {results['category 304']['cpu_ms']['gunicorn'] + results['category 304']['cpu_ms']['postgres']:.2f}",
        f"Drift: hello {results['hello']['rps']:.1f} req/s at the start, {results['hello again']['rps']:.1f} at the end.",
        "Server logs:",
        *(f"  {name}: {summary}" for name, summary in logs.items()),
    ]
    return "\n".join(lines) + "\n"


def _verdict(ratio, goal, floor):
    if ratio >= goal:
        return "met"
    return "NOT met, above the floor" if ratio >= floor else "NOT met, below the floor"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 s per phase; writes load-quick.txt; any tree")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections (default 32)")
    parser.add_argument("--seconds", type=float, help="duration of each phase (default 30; 3 with --quick)")
    parser.add_argument("--output", type=Path, help="report file (default docs/performance/load[-quick].txt)")
    args = parser.parse_args(argv)
    if args.seconds is None:
        args.seconds = 3.0 if args.quick else 30.0
    if not (1 <= args.connections <= 1000) or not (0 < args.seconds <= 300):
        parser.error("--connections must be between 1 and 1000 and --seconds in (0, 300]")
    if args.output is None:
        args.output = ROOT / "docs" / "performance" / ("load-quick.txt" if args.quick else "load.txt")
    return args


def main():
    args = parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("This benchmark drives the servers with wrk: apt-get install wrk")
    if not args.quick and git("status", "--porcelain"):
        raise SystemExit("A full run records the commit it measured: commit or stash your changes first.")

    def terminate(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, terminate)
    run(args)


if __name__ == "__main__":
    main()
