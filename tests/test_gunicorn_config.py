"""gunicorn.conf.py reports a bad setting as one clear line, and gunicorn refuses to start."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


def _gunicorn_check(**env):
    environment = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "127.0.0.1", **env}
    environment["SITE_URL"] = "https://oap.example"
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--check-config"]
    return subprocess.run(command, cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=60)


# WEB_CONCURRENCY="lots" never reaches gunicorn.conf.py: gunicorn itself reads that variable first, and fails.
@pytest.mark.parametrize(
    "name, value", [("WEB_CONCURRENCY", "0"), ("PORT", "eighty"), ("GUNICORN_THREADS", "-2"), ("GUNICORN_TIMEOUT", "")]
)
def test_a_malformed_number_is_a_clear_configuration_error(name, value):
    result = _gunicorn_check(**{name: value})
    assert result.returncode != 0
    assert f"Configuration error: {name} must be a whole number of at least 1, not {value!r}" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_log_level_is_a_clear_configuration_error():
    result = _gunicorn_check(LOG_LEVEL="chatty")
    assert result.returncode != 0 and "LOG_LEVEL must be DEBUG, INFO" in result.stderr


def test_good_settings_pass_the_check():
    result = _gunicorn_check(WEB_CONCURRENCY="2", PORT="8123")
    assert result.returncode == 0, result.stderr
