"""CSV and XLSX exports built from the same access-checked querysets as the pages."""

import csv
import datetime as dt
import io
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

from bscp_portal.lib.spreadsheet import safe_cell

CONFERENCE_COLUMNS = [
    ("conference_date", "Conference date"),
    ("child_ref", "Case reference"),
    ("kind", "Kind"),
    ("enquiry_start_date", "S47 enquiry start"),
    ("strategy_discussion_date", "Strategy discussion"),
    ("due_date", "Due by"),
    ("working_days", "Working days from enquiry"),
    ("timely", "In timescale"),
    ("chair", "Chair"),
    ("outcome", "Outcome"),
    ("plan_category", "Category"),
    ("second_plan", "Second or subsequent plan"),
    ("plan_start", "Plan start"),
    ("plan_end", "Plan end"),
    ("parents_attended", "Parents attended"),
    ("child_attended", "Child attended"),
    ("child_views", "Child's views"),
    ("interpreter_needed", "Interpreter needed"),
    ("interpreter_provided", "Interpreter provided"),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Echo:
    def write(self, value):
        return value


_safe_text = safe_cell


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return _safe_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _xlsx_cell(value):
    if isinstance(value, str):
        return _safe_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return float(value)
    return value


def _response(header: list[str], rows, fmt: str, filename: str, sheet: str):
    """Stream CSV (UTF-8, header row) or build one XLSX sheet with date cells."""
    if fmt == "csv":
        writer = csv.writer(_Echo())
        lines = (writer.writerow([_csv_cell(v) for v in r]) for r in _chain([header], rows))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    else:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(sheet)
        ws.append(header)
        for r in rows:
            ws.append([_xlsx_cell(v) for v in r])
        buffer = io.BytesIO()
        wb.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _chain(*iterables):
    for it in iterables:
        yield from it


def conferences_response(queryset, fmt: str):
    fields = [f for f, _ in CONFERENCE_COLUMNS]
    rows = queryset.values_list(*fields).iterator(chunk_size=2000)
    return _response(fields, rows, fmt, "conferences", "Conferences")


AGENCY_COLUMNS = [
    ("name", "Agency"),
    ("invited", "Invited"),
    ("attended", "Attended"),
    ("apologies", "Apologies"),
    ("attendance_pct", "Attendance %"),
    ("reports", "Reports received"),
    ("on_time", "Reports on time"),
    ("on_time_pct", "Reports on time %"),
    ("shared", "Reports shared with parents"),
]


def agency_rates_response(rates: list[dict], fmt: str, start: dt.date, end: dt.date):
    header = ["period_start", "period_end", *[k for k, _ in AGENCY_COLUMNS]]
    rows = [[start, end, *[r[k] for k, _ in AGENCY_COLUMNS]] for r in rates]
    return _response(header, rows, fmt, "conference-agency-rates", "Agency rates")
