"""Real gunicorn servers with production settings on a scratch PostgreSQL database, for the tests that need them."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def scratch_database(label):
    """A new, empty PostgreSQL database beside the test database; yields its DATABASE_URL; dropped afterwards."""
    database = settings.DATABASES["default"]
    name = f"{database['NAME']}_{label}{os.environ.get('TEST_DB_SUFFIX', '')}"
    host, port = database["HOST"] or "127.0.0.1", database["PORT"] or 5432
    admin = psycopg.connect(
        host=host, port=port, user=database["USER"], password=database["PASSWORD"] or None, dbname="postgres"
    )
    admin.autocommit = True
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    try:
        yield f"postgres://{database['USER']}{password}@{host}:{port}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def production_environment(database_url, folder, **extra):
    """DEBUG off, a random SECRET_KEY, behind a TLS proxy on 127.0.0.1 (run manage.py and gunicorn with it)."""
    return {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://oap.example.org",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(Path(folder) / "static"),
        "MEDIA_ROOT": str(Path(folder) / "media"),
        "TRUST_X_FORWARDED_PROTO": "true",
        "WEB_CONCURRENCY": "2",
        **extra,
    }


def manage(env, *arguments):
    command = [sys.executable, "manage.py", *arguments]
    return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=300)


@contextmanager
def gunicorn(env):
    """gunicorn -c gunicorn.conf.py on a free port of 127.0.0.1; yields its base URL once /healthz answers."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"]
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**env, "PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
