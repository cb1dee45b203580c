"""A real Celery worker for integration tests (Redis broker, the live test database).

Use it in a test that needs tasks to run in another process, exactly as in production::

    import pytest
    from tests.worker import celery_worker, needs_worker  # noqa: F401  (fixture)

    pytestmark = [pytest.mark.redis, needs_worker, pytest.mark.django_db(transaction=True)]

    def test_it_sends(celery_worker):
        result = my_task.apply_async(args=[...], queue=celery_worker.queue)
        result.get(timeout=60)
        messages = celery_worker.sent_mail()   # e-mails the worker sent (email.message.Message)

What the fixture does:
- starts `.venv/bin/celery -A bscp_portal worker --pool=solo` as a subprocess with the same
  settings module, `DATABASE_URL` pointing at the live *test* database (read from
  `django.db.connection.settings_dict`), `REDIS_URL` from the environment, and
  `EMAIL_BACKEND=...filebased.EmailBackend` with `EMAIL_FILE_PATH` a fresh tmp directory;
- has the worker consume one private queue (`celery_worker.queue`), so workers of other test
  runs sharing the Redis never take these tasks: send with `apply_async(queue=...)`, and have a
  task that fans out queue its children on `self.request.delivery_info["routing_key"]`;
- waits until the worker is ready, and always stops it (SIGTERM, then SIGKILL) afterwards.

It needs `transactional_db` (data must be committed for the worker to see it) and PostgreSQL:
SQLite test databases live in memory. `needs_worker` skips when REDIS_URL is unset; with
REDIS_URL set on SQLite the fixture fails with a clear message (CI runs PostgreSQL).
"""

import email
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent
CELERY = ROOT / ".venv" / "bin" / "celery"

needs_worker = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs a real Redis and Celery worker (set REDIS_URL)"
)


@dataclass
class RealWorker:
    queue: str
    mail_dir: Path
    log_path: Path
    process: subprocess.Popen

    def sent_mail(self) -> list[email.message.Message]:
        """Every e-mail the worker has sent so far, oldest first."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            # The file backend writes each message followed by a line of 79 dashes.
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(email.message_from_bytes(chunk.lstrip(b"\n")))
        return messages

    def wait_for_mail(self, count: int, timeout: float = 30) -> list[email.message.Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = self.sent_mail()
            if len(messages) >= count:
                return messages
            time.sleep(0.2)
        return self.sent_mail()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def database_url() -> str:
    """A DATABASE_URL for the database this test process is connected to right now."""
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.fail(
            "The real-worker test needs PostgreSQL (DATABASE_URL=postgres://...): SQLite test DBs are in memory."
        )
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = s.get("HOST") or "127.0.0.1"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{auth + '@' if auth else ''}{host}{port}/{s['NAME']}"


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)  # the worker's own process group, started below
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    """A running `celery -A bscp_portal worker` on a private queue; see the module docstring."""
    with running_worker(tmp_path) as worker:
        yield worker


@contextmanager
def running_worker(tmp_path: Path, **extra_env: str) -> Iterator[RealWorker]:
    """Start a worker as `celery_worker` does, with these environment variables on top (the
    bucket's, for one that stores files where two web nodes read them); stop it on leaving."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs a real Redis and Celery worker (set REDIS_URL)")
    from django.conf import settings

    queue = f"portal-test-{uuid.uuid4().hex[:12]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "bscp_portal.settings"),
        "DB_CONN_MAX_AGE": "0",  # no connection left open on the test database after a task
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),  # files the worker writes are where the test reads
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
        **extra_env,
    }
    celery = str(CELERY) if CELERY.exists() else str(Path(sys.executable).with_name("celery"))
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                celery,
                "-A",
                "bscp_portal",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
                f"--queues={queue}",
                f"--hostname={queue}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    worker = RealWorker(queue=queue, mail_dir=mail_dir, log_path=log_path, process=process)
    try:
        deadline = time.monotonic() + 60
        while " ready." not in worker.log():
            if process.poll() is not None:
                pytest.fail(f"the Celery worker exited with {process.returncode}:\n{worker.log()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"the Celery worker was not ready within 60 s:\n{worker.log()[-3000:]}")
            time.sleep(0.2)
        yield worker
    finally:
        _stop(process)
