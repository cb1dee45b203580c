"""Financial-year periods ("2024-25": 1 April 2024 to 31 March 2025). Pure, no Django."""

import datetime as dt
import re

PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


class UnknownPeriod(ValueError):
    """Not a financial year the portal can report on."""


def parse_period(text: str, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Start and end dates of a financial year written "YYYY-YY"; refuses malformed or future years."""
    match = PERIOD_RE.match((text or "").strip())
    if not match:
        raise UnknownPeriod(f"{text!r} is not a financial year: write it like 2024-25.")
    first, second = int(match.group(1)), int(match.group(2))
    if (first + 1) % 100 != second:
        raise UnknownPeriod(f"{text!r} is not a financial year: the second part must be the year after ({first + 1}).")
    start = dt.date(first, 4, 1)
    if start > (today or dt.date.today()):
        raise UnknownPeriod(f"{text} has not started yet.")
    if first < 2000:
        raise UnknownPeriod(f"{text} is before the portal's records.")
    return start, dt.date(first + 1, 3, 31)


def period_label(start: dt.date) -> str:
    return f"{start.year}-{(start.year + 1) % 100:02d}"


def current_period(today: dt.date) -> str:
    """The financial year that contains `today`."""
    year = today.year if today.month >= 4 else today.year - 1
    return f"{year}-{(year + 1) % 100:02d}"


def recent_periods(today: dt.date, count: int = 6) -> list[str]:
    year = today.year if today.month >= 4 else today.year - 1
    return [f"{y}-{(y + 1) % 100:02d}" for y in range(year, year - count, -1)]
