"""CSV and XLSX exports built from the same access-checked querysets as the pages."""

import csv
import datetime as dt
import io

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

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


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _response(header: list[str], rows, fmt: str, filename: str):
    if fmt == "csv":
        writer = csv.writer(_Echo())
        stream = (writer.writerow(r) for r in _chain([header], rows))
        response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    else:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("data")
        ws.append(header)
        for r in rows:
            ws.append(r)
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
    rows = ([_cell(v) for v in row] for row in queryset.values_list(*fields).iterator(chunk_size=2000))
    return _response([label for _, label in CONFERENCE_COLUMNS], rows, fmt, "conferences")


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
    header = ["Period start", "Period end", *[label for _, label in AGENCY_COLUMNS]]
    rows = [[start.isoformat(), end.isoformat(), *[_cell(r[k]) for k, _ in AGENCY_COLUMNS]] for r in rates]
    if fmt == "xlsx":
        rows = [[float(v) if hasattr(v, "as_tuple") else v for v in row] for row in rows]
    return _response(header, rows, fmt, "conference-agency-rates")
