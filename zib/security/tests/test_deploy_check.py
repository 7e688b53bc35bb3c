"""Production settings pass Django's deployment checks and set HSTS and secure cookies."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def production_env():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "SECRET_", "ALLOWED_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="zib.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="zib.example.org",
    )
    return env


def test_check_deploy_passes_with_production_settings(production_env):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_set_hsts_and_secure_cookies(production_env):
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'SECURE_HSTS_SECONDS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
        "'SESSION_COOKIE_SAMESITE', 'SECURE_SSL_REDIRECT', 'DEBUG', 'LANGUAGE_COOKIE_SECURE']}))"
    )
    result = subprocess.run(  # noqa: S603 - our own fixed script
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SECURE_HSTS_SECONDS"] >= 183 * 24 * 3600  # at least six months
    for cookie in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE"):
        assert values[cookie] is True, cookie
    assert values["SESSION_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["DEBUG"] is False


def test_production_refuses_to_start_without_a_secret(production_env):
    env = {**production_env, "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
