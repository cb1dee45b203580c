"""Reporting periods: the financial year (1 April to 31 March), its quarters, and "as at" dates.

The partnership reports by financial year. Every strand, the reports and the pack name and
compute periods here, so that "2024-25" means the same dates everywhere. Pure: no Django.

    >>> year = FinancialYear.of(dt.date(2025, 2, 14))
    >>> year.label, year.start, year.end, year.span_text
    ('2024-25', datetime.date(2024, 4, 1), datetime.date(2025, 3, 31), 'April 2024 to March 2025')
    >>> quarter_of(dt.date(2025, 2, 14)).label
    'Q4 2024-25'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

FIRST_MONTH = 4  # April
LABEL_RE = re.compile(r"^(\d{4})-(\d{2})$")


class UnknownPeriod(ValueError):
    """Not a financial year the portal can report on."""


def start_year_of(day: dt.date) -> int:
    """The calendar year in which the financial year holding `day` starts (2024 for 2024-25)."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def year_label(start_year: int) -> str:
    """2024 -> "2024-25"."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


@dataclass(frozen=True, order=True)
class FinancialYear:
    """The financial year that starts on 1 April of `start_year`."""

    start_year: int

    @classmethod
    def of(cls, day: dt.date) -> FinancialYear:
        return cls(start_year_of(day))

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """From "2024-25"; UnknownPeriod when malformed or the two years do not follow."""
        match = LABEL_RE.match((text or "").strip())
        if not match:
            raise UnknownPeriod(f"{text!r} is not a financial year: write it like 2024-25.")
        first, second = int(match.group(1)), int(match.group(2))
        if (first + 1) % 100 != second:
            raise UnknownPeriod(
                f"{text!r} is not a financial year: the second part must be the year after ({first + 1})."
            )
        return cls(first)

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, FIRST_MONTH, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.start_year + 1, FIRST_MONTH, 1) - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return year_label(self.start_year)

    @property
    def span_text(self) -> str:
        """ "April 2024 to March 2025"."""
        return f"{self.start:%B %Y} to {self.end:%B %Y}"

    @property
    def dates(self) -> tuple[dt.date, dt.date]:
        return self.start, self.end

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> FinancialYear:
        return FinancialYear(self.start_year - 1)

    def next(self) -> FinancialYear:
        return FinancialYear(self.start_year + 1)

    def quarters(self) -> list[Quarter]:
        return [Quarter(self.start_year, n) for n in (1, 2, 3, 4)]

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True)
class Quarter:
    """Quarter `number` (1 = April to June ... 4 = January to March) of a financial year."""

    start_year: int
    number: int

    @property
    def year(self) -> FinancialYear:
        return FinancialYear(self.start_year)

    @property
    def start(self) -> dt.date:
        month = FIRST_MONTH + 3 * (self.number - 1)
        return dt.date(self.start_year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> dt.date:
        if self.number == 4:
            return self.year.end
        return Quarter(self.start_year, self.number + 1).start - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        """ "Q1 2024-25"."""
        return f"Q{self.number} {self.year.label}"

    @property
    def span_text(self) -> str:
        """ "April to June 2024"; "January to March 2025"."""
        return f"{self.start:%B} to {self.end:%B %Y}"

    def __str__(self) -> str:
        return self.label


def financial_year(day: dt.date) -> FinancialYear:
    """The financial year holding `day`."""
    return FinancialYear.of(day)


def quarter_of(day: dt.date) -> Quarter:
    """The financial quarter holding `day`."""
    return Quarter(start_year_of(day), (day.month - FIRST_MONTH) % 12 // 3 + 1)


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the calendar month holding `day`."""
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1)


def start_year_asked(text: str | None, today: dt.date) -> int:
    """The start year of the financial year a page was asked for ("2024" is 2024-25); the year
    holding `today` when `text` is empty or not a year from 2000 to 2100."""
    text = (text or "").strip()
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return start_year_of(today)


def parse_month(text: str) -> dt.date:
    """The first day of a month typed as YYYY-MM (what <input type="month"> sends); ValueError if not."""
    return dt.datetime.strptime(text.strip(), "%Y-%m").date()


def month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every month from the one holding `start` to the one holding `end`."""
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = month_of(day)[1] + dt.timedelta(days=1)
    return months


MAX_SPAN_DAYS = 366 * 5


def months_asked(first: str | None, last: str | None, today: dt.date) -> tuple[dt.date, dt.date, str]:
    """The span a dashboard was asked for: from the start of month `first` to the end of month
    `last` (each YYYY-MM). Either left empty: the last 12 whole months plus this one, to `today`.
    At most five years (the earliest months are dropped). Returns (start, end, problem): the
    problem says why the default span is shown instead, or is empty."""
    default_start = month_of(today.replace(day=1) - dt.timedelta(days=335))[0]
    start, end = default_start, today
    try:
        if first:
            start = parse_month(first)
        if last:
            end = month_of(parse_month(last))[1]
    except ValueError:
        return default_start, today, "Give months as YYYY-MM, for example 2025-03."
    if start > end:
        return default_start, today, "The first month is after the last: showing the last 12 months."
    if (end - start).days > MAX_SPAN_DAYS:
        start = (end - dt.timedelta(days=MAX_SPAN_DAYS)).replace(day=1)
    return start, end, ""


def recent_years(today: dt.date, count: int = 6) -> list[FinancialYear]:
    """This financial year and the `count - 1` before it, newest first."""
    first = start_year_of(today)
    return [FinancialYear(y) for y in range(first, first - count, -1)]


def as_at_text(day: dt.date) -> str:
    """ "as at 31 March 2025": how a figure's date is written beside it."""
    return f"as at {day.day} {day:%B %Y}"
