"""The annual report built by a real Celery worker against Redis, read back from the PDF; and a
worker killed mid-render: the build is redelivered and completes once."""

import io
import os
import signal
import subprocess
import time
import uuid

import pytest
from pypdf import PdfReader

from annual_report.models import Report
from annual_report.sections import SECTIONS
from annual_report.tasks import build_report
from tests.worker import CELERY, ROOT, _stop, celery_worker, database_url, needs_worker  # noqa: F401

pytestmark = [pytest.mark.redis, needs_worker, pytest.mark.django_db(transaction=True)]


def wait_for(report: Report, statuses: set[str], timeout: float = 120) -> Report:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in statuses:
            return report
        time.sleep(0.05)
    raise AssertionError(f"report stayed {report.status}: {report.progress}")


def pdf_text(report: Report) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(report.pdf.read())).pages)


def test_a_real_worker_builds_the_report(world, celery_worker):  # noqa: F811
    from annual_report.models import Narrative

    Narrative.objects.create(period="2024-25", section="next-year", text="Focus on neglect.", status="approved")
    report = Report.objects.create(period="2024-25", version=1, requested_by=world.user("bu"))
    build_report.apply_async(args=[report.pk], queue=celery_worker.queue)
    report = wait_for(report, {"done", "failed"})
    assert report.status == "done", report.error + celery_worker.log()[-2000:]
    text = pdf_text(report)
    assert "Safeguarding Children Partnership" in text and "Annual report 2024-25" in text
    flat = " ".join(text.split())
    for section in SECTIONS:
        if section.in_report:
            assert section.title in flat, section.title
    assert "Focus on neglect." in text and "Relevant agencies" in flat
    assert report.pages == len(PdfReader(io.BytesIO(report.pdf.open("rb").read())).pages)
    # A repeated message for the same request makes no second PDF.
    build_report.apply_async(args=[report.pk], queue=celery_worker.queue).get(timeout=60)
    assert Report.objects.count() == 1


@pytest.fixture
def prefork_worker(transactional_db, tmp_path):
    """A worker with a prefork pool, so that its child process can be killed mid-task."""
    queue = f"portal-test-{uuid.uuid4().hex[:12]}"
    log_path = tmp_path / "worker.log"
    from django.conf import settings

    env = {**os.environ, "DATABASE_URL": database_url(), "DB_CONN_MAX_AGE": "0", "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(CELERY), "-A", "bscp_portal", "worker", "--pool=prefork", "--concurrency=1", "--without-gossip",
             "--without-mingle", "--loglevel=INFO", f"--queues={queue}", f"--hostname={queue}@%h"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while " ready." not in log_path.read_text(errors="replace"):
            assert process.poll() is None and time.monotonic() < deadline, log_path.read_text(errors="replace")
            time.sleep(0.2)
        yield queue, process, log_path
    finally:
        _stop(process)


def pool_children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def test_a_worker_killed_mid_render_is_redelivered_and_completes_once(world, prefork_worker):
    queue, process, log_path = prefork_worker
    report = Report.objects.create(period="2024-25", version=1, requested_by=world.user("bu"))
    build_report.apply_async(args=[report.pk], queue=queue)
    wait_for(report, {"running"}, timeout=60)
    children = pool_children(process.pid)
    assert children, "no pool process to kill"
    for child in children:
        os.kill(child, signal.SIGKILL)
    report = wait_for(report, {"done", "failed"})
    log = log_path.read_text(errors="replace")
    assert report.status == "done", report.error + log[-2000:]
    assert report.attempts >= 2, "the build was not redelivered after the kill"
    assert "WorkerLostError" in log or "exited prematurely" in log
    assert Report.objects.count() == 1 and pdf_text(report).count("Annual report 2024-25") >= 1
