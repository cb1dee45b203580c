"""CSV and XLSX exports of the filtered audit programme (columns in docs/formats.md)."""

import csv
import io

from django.http import Http404, HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from audits.models import AgencyAudit
from partnership.security import log_event

COLUMNS = [
    "id",
    "agency",
    "title",
    "theme",
    "why",
    "independent",
    "auditing_agency",
    "status",
    "start_date",
    "report_due",
    "reported_on",
    "open_follow_ups",
    "overdue_follow_ups",
    "open_escalations",
    "closed_on",
]


def rows(queryset):
    """One list per audit, in COLUMNS order (one query)."""
    origins = dict(AgencyAudit.Origin.choices)
    statuses = dict(AgencyAudit.Status.choices)
    for audit in queryset.iterator(chunk_size=2000):
        yield [
            audit.pk,
            audit.agency.name,
            audit.title,
            audit.theme,
            origins.get(audit.origin, audit.origin),
            "yes" if audit.independent else "no",
            (audit.auditing_agency.name if audit.auditing_agency_id else audit.auditor_name) or "",
            statuses.get(audit.status, audit.status),
            audit.start_date,
            audit.due_date,
            audit.reported_on,
            audit.open_follow_ups,
            audit.overdue_follow_ups,
            audit.open_escalations,
            audit.closed_on,
        ]


def programme_response(request, queryset, *, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown export format")
    filename = f"audit-programme-{timezone.localdate().isoformat()}.{fmt}"
    count = 0
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        for row in rows(queryset):
            writer.writerow(["" if v is None else v for v in row])
            count += 1
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Audit programme")
        sheet.append(COLUMNS)
        for row in rows(queryset):
            sheet.append(row)
            count += 1
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    log_event(request, "export", detail=f"audit programme {fmt}: {count} rows; filters {request.GET.urlencode()}"[:500])
    return response
