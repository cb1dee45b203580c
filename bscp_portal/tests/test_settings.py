"""Settings come from the environment and fail loudly on malformed values."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "portal.example",
    "DATABASE_URL": "sqlite:////tmp/portal-settings-check.sqlite3",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG must be true or false"),
        ({"UPLOAD_MAX_MB": "ten"}, "UPLOAD_MAX_MB must be a whole number"),
        ({"DATABASE_URL": "nonsense://"}, "DATABASE_URL is not a valid database URL"),
        ({"DEBUG": "false", "ALLOWED_HOSTS": "x"}, "SECRET_KEY must be set when DEBUG is off"),
        ({"DEBUG": "false", "SECRET_KEY": "k" * 50}, "ALLOWED_HOSTS must be set when DEBUG is off"),
        ({"STORAGE_SERVE": "link"}, 'STORAGE_SERVE must be "stream" or "redirect"'),
    ],
)
def test_a_malformed_value_stops_start_up_with_a_clear_message(env, message):
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PROD)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_demo_data_is_never_created_with_production_settings():
    result = run_manage("seed_demo", **PROD)
    assert result.returncode != 0
    assert "never created with DEBUG off" in result.stderr
