"""Production behaviour of the env-driven settings."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_when_debug_is_off():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x" * 20 + "-a-long-random-production-secret-value-1234",
        ALLOWED_HOSTS="rail.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_debug_off_requires_a_secret_key():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_off_requires_allowed_hosts():
    result = manage("check", DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS must be set" in result.stderr


def test_blank_allowed_hosts_is_refused_too():
    result = manage("check", DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS=" , ")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def _production_setting(name: str, **env: str) -> str:
    result = manage(
        "shell",
        "-c",
        f"from django.conf import settings; print(repr(settings.{name}))",
        DEBUG="false",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="rail.example.org",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_forwarded_proto_is_trusted_only_when_asked():
    assert _production_setting("SECURE_PROXY_SSL_HEADER") == "None"
    trusted = _production_setting(
        "SECURE_PROXY_SSL_HEADER", TRUST_X_FORWARDED_PROTO="true"
    )
    assert trusted == "('HTTP_X_FORWARDED_PROTO', 'https')"
