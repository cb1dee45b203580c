"""No Docker engine runs here, so the compose file is checked, not run."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ["web", "worker", "beat"]
# What the settings insist on when DEBUG is off, plus what production needs to reach its parts.
REQUIRED_ENV = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}


def test_it_defines_the_five_services():
    assert set(SERVICES) == {"postgres", "redis", "web", "worker", "beat"}


def test_web_runs_gunicorn_and_worker_and_beat_run_celery():
    assert "gunicorn bscp_portal.wsgi:application" in " ".join(SERVICES["web"]["command"])
    assert SERVICES["worker"]["command"][:4] == ["celery", "-A", "bscp_portal", "worker"]
    assert SERVICES["beat"]["command"][:4] == ["celery", "-A", "bscp_portal", "beat"]


def test_there_is_exactly_one_beat():
    assert SERVICES["beat"]["deploy"]["replicas"] == 1
    beats = [name for name, s in SERVICES.items() if "beat" in " ".join(s.get("command", []))]
    assert beats == ["beat"]


def test_every_required_variable_reaches_web_worker_and_beat():
    for name in APP_SERVICES:
        env = SERVICES[name]["environment"]
        assert REQUIRED_ENV <= set(env), f"{name} misses {REQUIRED_ENV - set(env)}"
        assert env["DEBUG"] == "false"


def test_the_settings_read_no_variable_that_compose_does_not_know():
    settings_src = (ROOT / "bscp_portal" / "settings.py").read_text()
    read = set(re.findall(r'env(?:str|int|bool|list)\("([A-Z_]+)"', settings_src))
    provided = set(SERVICES["web"]["environment"])
    # Variables with safe production defaults that an operator may set but need not.
    optional = {
        "VAR_DIR", "DB_CONN_MAX_AGE", "AXES_FAILURE_LIMIT", "AXES_COOLOFF_MINUTES", "SESSION_IDLE_MINUTES",
        "SESSION_ABSOLUTE_HOURS", "UPLOAD_MAX_MB", "UPLOAD_SPREADSHEET_MAX_MB", "UPLOAD_CSV_MAX_MB", "EMAIL_BACKEND", "EMAIL_USE_TLS", "EMAIL_FILE_PATH",
        "RAG_GREEN_PCT", "RAG_AMBER_PCT", "SUPPRESSION_MAX", "DEMO_PASSWORD", "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS", "LOG_LEVEL", "OTP_REQUIRED", "CDOP_REVIEW_TARGET_DAYS", "CONFERENCE_LINK_DAYS",
        "ATTENDANCE_THRESHOLD_PCT", "SURVEY_MIN_RESPONSES", "FEEDBACK_RATE_LIMIT", "FEEDBACK_RATE_WINDOW_SECONDS",
        "PARTNERSHIP_NAME", "SCORECARD_LOCAL_AUTHORITY", "SCORECARD_REGION",
        "RETENTION_SECURITY_LOG_DAYS", "RETENTION_CDOP_DAYS", "RETENTION_CONFERENCES_DAYS", "CORE_GROUP_INTERVAL_WEEKS",
        "INVITATION_DAYS", "EXPORT_BACKGROUND_ROWS", "RETENTION_EXPORT_FILES_DAYS", "SQLITE_TEST_DATABASE",
    }  # fmt: skip
    unknown = read - provided - optional
    assert not unknown, f"settings read {unknown}: add them to docker-compose.yml or to the optional list"


def test_health_checks_and_named_volumes():
    for name in ["postgres", "redis", "web", "worker"]:
        assert "healthcheck" in SERVICES[name], name
    assert {"pgdata", "media"} <= set(COMPOSE["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]
    for name in ["web", "worker"]:
        assert "media:/app/var/media" in SERVICES[name]["volumes"]


def test_the_dockerfile_serves_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "collectstatic" in dockerfile and "gunicorn" in dockerfile
