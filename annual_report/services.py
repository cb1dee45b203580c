"""Writes for the annual report: requests, narratives, approval. Atomic; history kept."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from annual_report.models import Narrative, Report
from annual_report.periods import UnknownPeriod, parse_period
from annual_report.sections import SECTION_KEYS
from bscp_portal.lib.concurrency import StaleEdit

logger = logging.getLogger(__name__)


def enqueue(report_id: int) -> bool:
    """Send the build to the worker; False (and the report marked delayed) when the broker is down."""
    from annual_report.tasks import build_report

    try:
        build_report.apply_async(args=[report_id], retry=False)
    except Exception:  # kombu raises several types when Redis cannot be reached
        logger.warning("annual report %s: background service unreachable; will be retried", report_id)
        Report.objects.filter(pk=report_id).update(delayed=True)
        return False
    return True


def report_request(*, period: str, by) -> Report:
    """Ask for a new version of a year's report; a second request while one is unfinished
    returns that one, so two clicks make one job."""
    try:
        parse_period(period)
    except UnknownPeriod as exc:
        raise ValidationError({"period": str(exc)}) from None
    existing = Report.objects.filter(period=period, status__in=[Report.Status.QUEUED, Report.Status.RUNNING]).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            version = (Report.objects.filter(period=period).aggregate(v=Max("version"))["v"] or 0) + 1
            report = Report.objects.create(period=period, version=version, requested_by=by)
            transaction.on_commit(lambda: enqueue(report.pk))
    except IntegrityError:
        # A simultaneous click won the race: use its request.
        return Report.objects.get(period=period, status__in=[Report.Status.QUEUED, Report.Status.RUNNING])
    return report


@transaction.atomic
def report_retry(*, report: Report, by) -> Report:
    """Put a failed or stalled build back in the queue."""
    if report.status == Report.Status.DONE:
        raise ValidationError("This version is already built.")
    Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED, error="", progress="", delayed=False)
    transaction.on_commit(lambda: enqueue(report.pk))
    report.refresh_from_db()
    return report


@transaction.atomic
def report_approve(*, report: Report, by) -> Report:
    """Approve a built version for PAQA and the board to download."""
    if report.status != Report.Status.DONE:
        raise ValidationError("Only a finished report can be approved.")
    report.approved_at = timezone.now()
    report.approved_by = by
    report.save(update_fields=["approved_at", "approved_by"])
    return report


@transaction.atomic
def narrative_save(*, period: str, section: str, text: str, status: str, by, version: int | None) -> Narrative:
    """Save a section's narrative; refuses to overwrite someone else's newer save."""
    if section not in SECTION_KEYS:
        raise ValidationError("There is no such section.")
    parse_period(period)
    if status not in Narrative.Status.values:
        raise ValidationError({"status": "Choose draft or approved."})
    if status == Narrative.Status.APPROVED and not text.strip():
        raise ValidationError({"text": "Write the narrative before approving it."})
    narrative, created = Narrative.objects.get_or_create(period=period, section=section, defaults={"updated_by": by})
    if not created:
        if version is not None and narrative.version != version:
            raise StaleEdit()
        Narrative.objects.filter(pk=narrative.pk).update(version=F("version") + 1)
        narrative.refresh_from_db()
    narrative.text = text
    narrative.status = status
    narrative.updated_by = by
    narrative.save()
    return narrative
