"""Conference statistics PAQA can ask about (partnership.registry): one agency's attendance and
reports on time over a period, referenced as "attendance-<agency id>-<first day>-<last day>"."""

import datetime as dt
import re

from conferences import selectors
from partnership.registry import Figure

REF = re.compile(r"^attendance-(\d+)-(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})$")


def attendance_ref(agency_id: int, start: dt.date, end: dt.date) -> str:
    return f"attendance-{agency_id}-{start.isoformat()}-{end.isoformat()}"


def resolve(ref: str, user) -> Figure | None:
    match = REF.match(ref or "")
    if not match:
        return None
    try:
        start, end = dt.date.fromisoformat(match.group(2)), dt.date.fromisoformat(match.group(3))
    except ValueError:
        return None
    agency_id = int(match.group(1))
    row = next(
        (r for r in selectors.agency_rates(user=user, start=start, end=end) if r["agency_id"] == agency_id), None
    )
    if row is None:
        return None

    def pct(value) -> str:
        return "no figure" if value is None else f"{value}%"

    return Figure(
        kind="conference_attendance",
        ref=ref,
        label=(
            f"Conference attendance, {row['name']}, {start:%b %Y} to {end:%b %Y}: {pct(row['attendance_pct'])} "
            f"attended, {pct(row['on_time_pct'])} of reports on time"
        ),
        url=f"/conferences/agency/?agency={agency_id}&start={start:%Y-%m}&end={end:%Y-%m}",
        agency_id=agency_id,
    )
