"""CSV and XLSX exports of the filtered audit programme (columns in docs/formats.md)."""

from django.utils import timezone

from audits.models import AgencyAudit
from bscp_portal.lib.exports import Column, respond
from partnership.security import log_event


def _auditor(audit: AgencyAudit) -> str:
    return (audit.auditing_agency.name if audit.auditing_agency_id else audit.auditor_name) or ""


COLUMNS = [
    Column("Number", lambda a: a.pk),
    Column.field(AgencyAudit, "agency", lambda a: a.agency.name),
    Column.field(AgencyAudit, "title"),
    Column.field(AgencyAudit, "theme"),
    Column.field(AgencyAudit, "origin", lambda a: a.get_origin_display()),
    Column.field(AgencyAudit, "independent"),
    Column("Auditing agency or person", _auditor),
    Column.field(AgencyAudit, "status", lambda a: a.get_status_display()),
    Column.field(AgencyAudit, "start_date"),
    Column.field(AgencyAudit, "due_date"),
    Column.field(AgencyAudit, "reported_on"),
    Column("Open follow-ups", lambda a: a.open_follow_ups),
    Column("Overdue follow-ups", lambda a: a.overdue_follow_ups),
    Column("Open escalations", lambda a: a.open_escalations),
    Column.field(AgencyAudit, "closed_on"),
]


def programme_response(request, queryset, *, fmt: str):
    """The filtered programme (one query, streamed) as CSV or XLSX; each export is logged."""
    response = respond(
        fmt=fmt,
        filename=f"audit-programme-{timezone.localdate().isoformat()}",
        columns=COLUMNS,
        rows=queryset.iterator(chunk_size=2000),
        sheet="Audit programme",
    )
    count = queryset.count()
    log_event(request, "export", detail=f"audit programme {fmt}: {count} rows; filters {request.GET.urlencode()}"[:500])
    return response
