"""gunicorn settings for production: `make serve-prod`, or `gunicorn -c gunicorn.conf.py oap_directory.wsgi`.

A malformed setting stops gunicorn with one clear line naming it, not a traceback.
"""

import multiprocessing
import os


def _whole_number(name, default, minimum=1):
    value = os.environ.get(name, str(default)).strip()
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < minimum:
        raise SystemExit(f"Configuration error: {name} must be a whole number of at least {minimum}, not {value!r}")
    return number


wsgi_app = "oap_directory.wsgi:application"
bind = os.environ.get("BIND", f"127.0.0.1:{_whole_number('PORT', 8000)}")
workers = _whole_number("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _whole_number("GUNICORN_THREADS", 1)
timeout = _whole_number("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
keepalive = 5
# Workers are forked from a master that has loaded the app, so a new worker costs almost nothing; each is replaced
# after about 20,000 requests (a worker booting from scratch took as much CPU as a thousand cached pages).
preload_app = True
max_requests = 20000
max_requests_jitter = 2000
# Trust X-Forwarded-* only from the reverse proxy on this machine (set FORWARDED_ALLOW_IPS otherwise).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
if loglevel not in {"debug", "info", "warning", "error", "critical"}:
    raise SystemExit(
        f"Configuration error: LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {loglevel!r}"
    )
access_log_format = (
    'time=%(t)s level=INFO logger=gunicorn.access request_id=%({x-request-id}o)s method=%(m)s path="%(U)s" '
    "status=%(s)s bytes=%(B)s duration_ms=%(M)s"
)
