# The two commands: `make run` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Django 6.1 needs Python 3.12 or newer: take the first of these that is new enough.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then echo $$p; break; fi; done)

.PHONY: run test bench venv lint audit worker

# Test processes (pytest-xdist): auto = one per CPU core; TEST_WORKERS=0 for one process.
TEST_WORKERS ?= auto

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 or newer is needed (Django 6.1). Install python3.12 or python3.13 and try again." >&2; exit 1; fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# uv installs the pinned requirements in seconds where pip takes a minute and a half.
	$(PIP) install --quiet uv==0.13.9
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

run: venv
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: venv
	@mkdir -p var
	@# The browser journeys use the machine's Chromium; Playwright's own only where there is none.
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || [ -n "$$CHROMIUM_PATH" ] || $(VENV)/bin/playwright install chromium
	$(VENV)/bin/ruff check .
	@# One pass over everything, in parallel: pytest-xdist runs one process per core, each with its
	@# own test database, live server, Chromium and Celery worker; --dist loadgroup keeps a module
	@# that seeds the demo once (pytest.mark.xdist_group) in one process. PYTEST_ARGS narrows it
	@# (paths, -k, -m). Nothing selected (exit 5) is a failure. Compiled modules are kept
	@# (__pycache__, ignored by git) so that each test process does not compile the portal again.
	env -u PYTHONDONTWRITEBYTECODE $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup --durations=30 $(PYTEST_ARGS)

# Per-page server time and query counts at scale 0.1 and 1 (failing when a page's query count
# differs between them), then the meeting-morning load on gunicorn + PostgreSQL.
LOAD_ARGS ?= --users 50 --seconds 120 --stress 4,8,16,32,64
# On PostgreSQL, as production runs (a throw-away test_portal_bench database); the annual report's
# own-process memory is only measured there.
BENCH_DATABASE_URL ?= postgres://root@127.0.0.1:5432/portal_bench
bench: venv
	@mkdir -p var
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench --scale 0.1 --output var/bench-0.1.json $(BENCH_ARGS)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench --scale 1 --output var/bench.json $(BENCH_ARGS)
	$(PY) -m bench.compare var/bench-0.1.json var/bench.json
	$(PY) -m bench.load $(LOAD_ARGS)

worker: venv
	$(VENV)/bin/celery -A bscp_portal worker --loglevel=info

# Security: bandit (no high-severity findings) and pip-audit of the pinned requirements.
audit: venv
	$(VENV)/bin/bandit -q -r bscp_portal partnership actions scorecard section11 audits reviews conferences cdop governance annual_report paqa -x '*/tests/*,*/migrations/*' -lll
	./.ci/pip-audit

lint: venv
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
