"""Writes for reports routed through PAQA: received, sent, requested, submitted, decided.
Keyword-only, atomic, raising ValidationError with clear messages; each step is logged as an event."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bscp_portal.lib import uploads
from bscp_portal.lib.concurrency import claim_version
from governance import rules
from governance.models import (
    Meeting,
    ReportEvent,
    RoutedReport,
)

# --- reports through PAQA ----------------------------------------------------------------------


def _check_file(file) -> str:
    """Refuse oversize files and types other than documents, judged by content; return the type."""
    return uploads.check_upload(file, "document", field="file").extension


def _attach(report: RoutedReport, file) -> None:
    extension = _check_file(file)
    report.original_name = (getattr(file, "name", "") or "report")[:255]
    report.file.save(f"report-{report.pk}.{extension}", file, save=False)


def _event(report: RoutedReport, by, note: str = "") -> None:
    ReportEvent.objects.create(report=report, status=report.status, by=by, note=note)


@transaction.atomic
def report_receive(
    *, title: str, author, source_kind: str, received_on: dt.date, source_label: str = "", file=None
) -> RoutedReport:
    """Receive a report at PAQA (from any strand or uploaded). `author` is a user or a name.

    Every report reaches the Partnership only through PAQA's decision (`report_decide`).
    """
    from governance.models.reports import SourceKind

    if not (title or "").strip():
        raise ValidationError({"title": "Give the report a title."})
    if source_kind not in SourceKind.values:
        raise ValidationError({"source_kind": "Choose where the report comes from."})
    user = author if hasattr(author, "pk") else None
    name = str(author) if author else ""
    if not name.strip():
        raise ValidationError({"author": "Say who wrote the report."})
    report = RoutedReport.objects.create(
        title=title.strip(),
        author=user,
        author_name=name.strip()[:200],
        source_kind=source_kind,
        source_label=source_label[:300],
        received_on=received_on,
        status=RoutedReport.Status.RECEIVED,
    )
    if file is not None:
        _attach(report, file)
        report.save()
    _event(
        report, user, f"Received from {report.get_source_kind_display()}{': ' + source_label if source_label else ''}"
    )
    return report


@transaction.atomic
def report_send(*, candidate, by, note: str = "", file=None) -> RoutedReport:
    """A strand sends one of its reports to PAQA from where it lives (`candidate` is a
    partnership.registry.ReportCandidate the sender may send).

    Sent once: while PAQA has it, or once decided, sending again is refused. A report PAQA
    returned for more work goes back as a new version of the same report, its trail kept.
    """
    earlier = (
        RoutedReport.objects.select_for_update()
        .filter(source_kind=candidate.kind, source_ref=candidate.ref)
        .order_by("-pk")
        .first()
    )
    if earlier is not None and earlier.status != RoutedReport.Status.RETURNED:
        raise ValidationError(
            f"This report was already sent to PAQA on {earlier.received_on:%-d %b %Y}: "
            f"{earlier.get_status_display().lower()}."
        )
    if earlier is not None:
        earlier.summary = candidate.headline()
        earlier.save(update_fields=["summary"])
        return report_submit(report=earlier, by=by, file=file, note=note or "Sent again after more work")
    report = report_receive(
        title=candidate.title,
        author=by,
        source_kind=candidate.kind,
        received_on=timezone.localdate(),
        source_label=candidate.source_label,
        file=file,
    )
    report.source_ref = candidate.ref
    report.source_url = candidate.url
    report.summary = candidate.headline()
    report.save(update_fields=["source_ref", "source_url", "summary"])
    if note.strip():
        _event(report, by, note.strip())
    return report


@transaction.atomic
def report_request(*, title: str, owner, due_on: dt.date, requested_by, note: str = "") -> RoutedReport:
    """The Partnership asks for a report: it is due from its owner until received by PAQA."""
    if not (title or "").strip():
        raise ValidationError({"title": "Say which report is requested."})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": "The due date cannot be in the past."})
    report = RoutedReport.objects.create(
        title=title.strip(),
        owner=owner,
        author=owner,
        author_name=str(owner),
        due_on=due_on,
        source_kind="subcommittee",
        status=RoutedReport.Status.REQUESTED,
    )
    _event(report, requested_by, note or f"Requested from {owner}, due {due_on:%-d %b %Y}")
    return report


@transaction.atomic
def report_submit(
    *, report: RoutedReport, by, file=None, note: str = "", received_on: dt.date | None = None
) -> RoutedReport:
    """A requested (or returned) report is handed to PAQA."""
    problem = rules.routing_problem(report.status, rules.RECEIVED)
    if problem:
        raise ValidationError(problem)
    report = RoutedReport.objects.select_for_update().get(pk=report.pk)
    report.status = RoutedReport.Status.RECEIVED
    report.received_on = received_on or timezone.localdate()
    if file is not None:
        _attach(report, file)
    report.version += 1
    report.save()
    _event(report, by, note)
    return report


@transaction.atomic
def report_decide(
    *, report: RoutedReport, by, decision: str, version: int, meeting: Meeting | None = None, reasons: str = ""
) -> RoutedReport:
    """PAQA's decision: tabled for the Partnership at a chosen meeting, circulated for
    information only, or returned with reasons."""
    problem = rules.routing_problem(report.status, decision, meeting_chosen=meeting is not None, reasons=reasons)
    if problem:
        raise ValidationError(problem)
    if decision == rules.TABLED and meeting.body.code != "partnership":
        raise ValidationError({"meeting": "Reports are tabled at a meeting of the Partnership."})
    claim_version(RoutedReport, report, version)
    report.refresh_from_db()
    report.status = decision
    report.meeting = meeting if decision == rules.TABLED else None
    report.decision_reasons = (reasons or "").strip()
    report.save()
    if decision == rules.TABLED:
        note = f"Tabled for the Partnership on {meeting.held_on:%-d %b %Y}"
    elif decision == rules.CIRCULATED:
        note = "Circulated for information only"
    else:
        note = "Returned"
    if report.decision_reasons:
        note = f"{note}: {report.decision_reasons}"
    _event(report, by, note)
    return report
