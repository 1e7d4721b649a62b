import os
import subprocess
import sys

import pytest
from django.conf import settings

CHECK = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def _import_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"}}
    environment |= {"DJANGO_SETTINGS_MODULE": "oap_directory.settings"} | env
    return subprocess.run(
        [sys.executable, "-c", CHECK], env=environment, capture_output=True, text=True, cwd=settings.BASE_DIR
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = _import_settings(DEBUG="false", ALLOWED_HOSTS="oap.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_refuses_to_start_without_allowed_hosts_when_debug_is_off():
    result = _import_settings(DEBUG="false", SECRET_KEY="x" * 60, SITE_URL="https://oap.example")
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_malformed_boolean_is_a_clear_configuration_error():
    result = _import_settings(DEBUG="perhaps")
    assert "DEBUG must be true or false" in result.stderr


def test_production_settings_start_with_secret_hosts_and_site_url():
    result = _import_settings(
        DEBUG="false", SECRET_KEY="x" * 60, ALLOWED_HOSTS="oap.example", SITE_URL="https://oap.example"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.postgres
def test_postgresql_connections_are_reused_and_health_checked():
    database = settings.DATABASES["default"]
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_development_prints_emails_to_the_console_so_make_run_shows_them():
    check = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    environment |= {"DJANGO_SETTINGS_MODULE": "oap_directory.settings", "DEBUG": "true"}
    result = subprocess.run(
        [sys.executable, "-c", check], env=environment, capture_output=True, text=True, cwd=settings.BASE_DIR
    )
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend", result.stderr
