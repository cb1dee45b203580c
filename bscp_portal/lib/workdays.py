"""Working days in England and Wales: weekends and bank holidays (substitute days included)."""

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    # England and Wales share one list of bank holidays; the package calls the pair "ENG".
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    """A weekday that is not an England and Wales bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Number of working days d with start < d <= end (same day 0, next working day 1).

    Negative when end is before start, so a conference held "before" its enquiry shows as such.
    """
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    one = dt.timedelta(days=1)
    while day < end:
        day += one
        if is_working_day(day):
            count += 1
    return count


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date n working days after start (n = 0 gives start itself)."""
    if n < 0:
        raise ValueError("n must be zero or more")
    day = start
    one = dt.timedelta(days=1)
    while n:
        day += one
        if is_working_day(day):
            n -= 1
    return day
