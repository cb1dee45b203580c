"""CSV and XLSX exports built from the same access-checked querysets as the pages."""

import datetime as dt

from bscp_portal.lib.exports import Column, respond
from conferences import services
from conferences.models import Conference

#: When and who first, then the timescale the dates are judged by, then every other field a
#: person records (in the order of the form, so a new recorded field is exported too).
_LEADING = ["conference_date", "child_ref", "kind", "enquiry_start_date", "strategy_discussion_date"]
CONFERENCE_FIELDS = [
    *_LEADING,
    "due_date",
    "working_days",
    "timely",
    *[name for name in services.CONFERENCE_FIELDS if name not in _LEADING],
]
CONFERENCE_COLUMNS = [Column.field(Conference, name, key=name) for name in CONFERENCE_FIELDS]


def conferences_response(queryset, fmt: str):
    """The filtered conferences (one query, streamed), sheet "Conferences"."""
    rows = queryset.values(*CONFERENCE_FIELDS).iterator(chunk_size=2000)
    return respond(fmt=fmt, filename="conferences", columns=CONFERENCE_COLUMNS, rows=rows, sheet="Conferences")


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
    """One row per agency for the period, sheet "Agency rates"."""
    columns = [
        Column("Period start", lambda r: start),
        Column("Period end", lambda r: end),
        *[Column(title, lambda r, key=key: r[key]) for key, title in AGENCY_COLUMNS],
    ]
    return respond(fmt=fmt, filename="conference-agency-rates", columns=columns, rows=rates, sheet="Agency rates")
