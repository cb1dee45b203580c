"""CSV and XLSX exports, from the same filtered, access-checked querysets as the pages."""

import csv
import io

from django.http import Http404, HttpResponse
from openpyxl import Workbook

from bscp_portal.lib.spreadsheet import safe_cell

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


safe = safe_cell


def respond(*, fmt: str, name: str, header: list[str], rows) -> HttpResponse:
    """A download of `rows` under `header` as CSV or XLSX (404 for any other format)."""
    if fmt not in CONTENT_TYPES:
        raise Http404("Unknown export format")
    rows = ([safe(v) for v in row] for row in rows)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        body = buffer.getvalue().encode("utf-8-sig")
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(name[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(list(row))
        out = io.BytesIO()
        book.save(out)
        body = out.getvalue()
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _d(value) -> str:
    return value.isoformat() if value else ""


def case_review_rows(reviews, today):
    """One row per case review, with its timescale states."""
    for r in reviews:
        steps = {s.step: s for s in r.timeline(today)}
        note = steps.get("notification")
        rapid = steps.get("rapid_review")
        yield [
            r.reference,
            r.title,
            r.get_kind_display(),
            r.get_status_display(),
            "; ".join(a.short_name or a.name for a in r.agencies.all()),
            _d(r.became_aware_on),
            _d(r.notified_on),
            note.state_label if note else "Not applicable",
            _d(r.rapid_review_on),
            rapid.state_label if rapid else "Not applicable",
            r.get_decision_display(),
            _d(r.decided_on),
            _d(r.completed_on),
            _d(r.published_on),
            r.open_recommendations,
        ]


CASE_HEADER = [
    "reference",
    "title",
    "kind",
    "status",
    "agencies_involved",
    "became_aware_on",
    "notified_on",
    "notification_timescale",
    "rapid_review_on",
    "rapid_review_timescale",
    "decision",
    "decided_on",
    "completed_on",
    "published_on",
    "open_recommendations",
]

RECOMMENDATION_HEADER = ["review", "number", "recommendation", "accountable_agency", "status", "closed_on"]


def recommendation_rows(recommendations):
    for r in recommendations:
        yield [r.review_label, r.number, r.text, r.agency.name, r.get_status_display(), _d(r.closed_on)]


LEARNING_HEADER = ["agency", "events", "reviews"]


def learning_rows(rows):
    for row in rows:
        yield [row["agency__name"], row["events"], row["reviews"]]
