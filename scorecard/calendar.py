"""The data calendar's pure rules: periods, due dates, reminder days, lateness and the
partnership value from agencies' numerators and denominators. No Django imports.

A figure is due `due_days` calendar days after its period ends. Reminders: a week before (the
last working day on or before due - 7), on the due day (the first working day on or after it),
a chase 5 working days after the due date, and the figure counts as missing 10 working days
after it (England and Wales working days, bscp_portal/lib/workdays.py).
"""

import datetime as dt
from decimal import Decimal

from bscp_portal.lib import periods
from bscp_portal.lib.workdays import add_working_days, is_working_day, working_days_between

MONTHLY, QUARTERLY, ANNUAL = "monthly", "quarterly", "annual"

WEEK_BEFORE, DUE_DAY, CHASE, MISSING = "week_before", "due_day", "chase", "missing"
STEP_LABELS = {
    WEEK_BEFORE: "Reminder a week before",
    DUE_DAY: "Reminder on the due day",
    CHASE: "Chase after 5 working days",
    MISSING: "Missing after 10 working days",
}
CHASE_AFTER, MISSING_AFTER = 5, 10

# Return states, as the returns page and PAQA's board show them.
NOT_DUE, DUE, OVERDUE, MISSING_STATE, ON_TIME, LATE = "not_due", "due", "overdue", "missing", "on_time", "late"
STATE_LABELS = {
    NOT_DUE: "Not due yet",
    DUE: "Due",
    OVERDUE: "Overdue",
    MISSING_STATE: "Missing",
    ON_TIME: "Submitted on time",
    LATE: "Submitted late",
}

UNIT_SCALE = {"percentage": Decimal(100), "rate_per_10000": Decimal(10000)}


def period_containing(frequency: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The month, quarter (calendar quarters, which are also the financial quarters) or
    financial year (April to March) holding `day`."""
    if frequency == MONTHLY:
        start = day.replace(day=1)
    elif frequency == QUARTERLY:
        start = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    elif frequency == ANNUAL:
        start = periods.financial_year(day).start
    else:
        raise ValueError(f"unknown frequency {frequency!r}")
    return start, next_period_start(frequency, start) - dt.timedelta(days=1)


def next_period_start(frequency: str, start: dt.date) -> dt.date:
    months = {MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12}[frequency]
    month = start.month - 1 + months
    return dt.date(start.year + month // 12, month % 12 + 1, 1)


def previous_periods(frequency: str, today: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """The `count` most recent periods that have ended by `today`, newest first."""
    start, _ = period_containing(frequency, today)
    found = []
    for _ in range(count):
        start, end = period_containing(frequency, start - dt.timedelta(days=1))
        found.append((start, end))
    return found


def due_date(period_end: dt.date, due_days: int) -> dt.date:
    return period_end + dt.timedelta(days=due_days)


def step_dates(due_on: dt.date) -> dict[str, dt.date]:
    """The working day on which each reminder step falls for a figure due on `due_on`."""
    week_before = due_on - dt.timedelta(days=7)
    while not is_working_day(week_before):
        week_before -= dt.timedelta(days=1)
    due_day = due_on
    while not is_working_day(due_day):
        due_day += dt.timedelta(days=1)
    return {
        WEEK_BEFORE: week_before,
        DUE_DAY: due_day,
        CHASE: add_working_days(due_on, CHASE_AFTER),
        MISSING: add_working_days(due_on, MISSING_AFTER),
    }


def step_on(due_on: dt.date, today: dt.date) -> str | None:
    """The reminder step that falls on `today` for a figure due on `due_on`, if any."""
    return next((step for step, day in step_dates(due_on).items() if day == today), None)


def state(due_on: dt.date, today: dt.date, submitted_on: dt.date | None) -> str:
    """Where one agency's return stands."""
    if submitted_on is not None:
        return LATE if submitted_on > due_on else ON_TIME
    if today < due_on - dt.timedelta(days=7):
        return NOT_DUE
    if today <= due_on:
        return DUE
    if working_days_between(due_on, today) >= MISSING_AFTER:
        return MISSING_STATE
    return OVERDUE


def days_late(due_on: dt.date, submitted_on: dt.date) -> int:
    """Calendar days after the due date (0 when on time)."""
    return max(0, (submitted_on - due_on).days)


def partnership_value(
    unit: str, rows: list[tuple[Decimal | None, Decimal | None]]
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(numerator, denominator, value) for the partnership from agencies' (numerator, denominator).

    Counts add up. Every other unit is the sum of numerators over the sum of denominators
    (times 100 for a percentage, 10,000 for a rate): never an average of the agencies' values,
    so a school with 1,000 pupils weighs more than one with 50. No rows, or a denominator
    summing to 0: no value (None), never 0.
    """
    nums = [n for n, _ in rows if n is not None]
    if not nums:
        return None, None, None
    numerator = sum(nums, Decimal(0))
    if unit == "count":
        return numerator, None, numerator
    denominator = sum((d for _, d in rows if d is not None), Decimal(0))
    if not denominator:
        return numerator, denominator, None
    return numerator, denominator, numerator * UNIT_SCALE.get(unit, Decimal(1)) / denominator
