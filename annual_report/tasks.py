"""Build the annual report PDF in the background: idempotent, acks late, retries on
transient faults, and a killed worker leaves the request retryable."""

import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from annual_report.models import Report

logger = logging.getLogger(__name__)
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
STALL_MINUTES = 15


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3)
def build_report(self, report_id: int) -> str:
    from annual_report.builder import build_content, render_children_pdf, render_report

    now = timezone.now()
    claimed = Report.objects.filter(pk=report_id, status__in=[Report.Status.QUEUED, Report.Status.RUNNING]).update(
        status=Report.Status.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1, delayed=False
    )
    if not claimed:
        return "already finished"  # a repeated message for a built report makes nothing new
    report = Report.objects.select_related("requested_by").get(pk=report_id)

    def progress(text: str) -> None:
        Report.objects.filter(pk=report_id).update(progress=text[:200], heartbeat_at=timezone.now())

    try:
        # The figures are read once; the full report and the children's version both print them.
        built = build_content(report.period, user=report.requested_by, progress=progress)
        pdf, pages, appendix = render_report(
            report.period, user=report.requested_by, progress=progress, snapshot_at=now, report=report, built=built
        )
        progress("The children's version")
        children, children_pages = render_children_pdf(
            report.period, user=report.requested_by, snapshot_at=now, report=report, built=built
        )
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            _fail(report_id, f"The database or another service was unavailable: {exc}")
            return "failed"
        raise self.retry(exc=exc, countdown=10 * (self.request.retries + 1)) from exc
    except Exception as exc:
        logger.exception("annual report %s failed", report_id)
        _fail(report_id, f"{type(exc).__name__}: {exc}")
        return "failed"

    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report_id)
        if current.status != Report.Status.RUNNING:
            return "already finished"  # a duplicate delivery finished first; keep one PDF
        current.pdf.save(f"annual-report-{current.period}-v{current.version}.pdf", ContentFile(pdf), save=False)
        current.children_pdf.save(
            f"annual-report-children-{current.period}-v{current.version}.pdf", ContentFile(children), save=False
        )
        current.children_pages = children_pages
        current.appendix = appendix
        current.status = Report.Status.DONE
        current.pages = pages
        current.snapshot_at = now
        current.finished_at = timezone.now()
        current.progress = "Finished"
        current.save()
    return "done"


def _fail(report_id: int, reason: str) -> None:
    Report.objects.filter(pk=report_id).update(
        status=Report.Status.FAILED, error=reason[:2000], finished_at=timezone.now()
    )


def enqueue(report_id: int) -> bool:
    """Send the build to the worker; False (and the report marked delayed) when the broker is down."""
    try:
        build_report.apply_async(args=[report_id], retry=False)
    except Exception:  # kombu raises several types when Redis cannot be reached
        logger.warning("annual report %s: background service unreachable; will be retried", report_id)
        Report.objects.filter(pk=report_id).update(delayed=True)
        return False
    return True


@shared_task
def requeue_stalled() -> int:
    """Re-send builds that never reached a worker (broker was down) or whose worker died."""
    now = timezone.now()
    stale_queued = Report.objects.filter(
        status=Report.Status.QUEUED, requested_at__lt=now - timezone.timedelta(minutes=2)
    )
    stalled = Report.objects.filter(
        status=Report.Status.RUNNING, heartbeat_at__lt=now - timezone.timedelta(minutes=STALL_MINUTES)
    )
    ids = list(stale_queued.values_list("pk", flat=True)) + list(stalled.values_list("pk", flat=True))
    stalled.update(status=Report.Status.QUEUED)
    for pk in ids:
        enqueue(pk)
    return len(ids)
