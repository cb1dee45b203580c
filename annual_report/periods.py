"""The annual report's periods: financial years written "2024-25" (bscp_portal.lib.periods),
limited to years the portal can report on. Pure, no Django."""

import datetime as dt

from bscp_portal.lib.periods import FinancialYear, UnknownPeriod, recent_years, year_label

__all__ = ["UnknownPeriod", "current_period", "parse_period", "period_label", "recent_periods"]


def parse_period(text: str, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Start and end dates of a financial year written "YYYY-YY"; refuses malformed or future years."""
    year = FinancialYear.parse(text)
    if year.start > (today or dt.date.today()):
        raise UnknownPeriod(f"{text} has not started yet.")
    if year.start_year < 2000:
        raise UnknownPeriod(f"{text} is before the portal's records.")
    return year.dates


def period_label(start: dt.date) -> str:
    return year_label(start.year)


def current_period(today: dt.date) -> str:
    """The financial year that contains `today`."""
    return FinancialYear.of(today).label


def recent_periods(today: dt.date, count: int = 6) -> list[str]:
    return [year.label for year in recent_years(today, count)]
