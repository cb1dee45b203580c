"""Timescales for child protection conferences: pure rules, no Django imports.

The DfE convention (children in need census, "ICPCs within 15 working days") measures an
initial conference from the *start of the section 47 enquiry*, not from the strategy
discussion that decided to start it; the portal follows the DfE so its figures compare with
the published ones. Working days are those of England and Wales (weekends and bank holidays,
substitute days included), from `bscp_portal.lib.workdays`.

Reviews are measured in calendar months (Working Together: first review within 3 months of
the initial conference, later reviews within 6 months of the previous one). A month later
than the 31st is the last day of the shorter month (31 January + 1 month = 28/29 February).
"""

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bscp_portal.lib.workdays import add_working_days, working_days_between

INITIAL = "initial"
REVIEW = "review"
TRANSFER_IN = "transfer_in"

ICPC_WORKING_DAYS = 15
FIRST_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
REPORT_WORKING_DAYS_BEFORE = 2
#: The first core group meets within 10 working days of the initial conference (Working Together).
CORE_GROUP_FIRST_WORKING_DAYS = 10


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later, clipped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def icpc_due(enquiry_start: dt.date) -> dt.date:
    """Latest date for an initial conference: 15 working days after the s47 enquiry started."""
    return add_working_days(enquiry_start, ICPC_WORKING_DAYS)


def icpc_working_days(enquiry_start: dt.date, conference_date: dt.date) -> int:
    """Working days from the s47 enquiry start to the conference (start excluded, end included)."""
    return working_days_between(enquiry_start, conference_date)


def icpc_is_timely(enquiry_start: dt.date, conference_date: dt.date) -> bool:
    """An initial conference is timely when held within 15 working days of the enquiry start.

    Day 15 is in time, day 16 is late. A conference dated before its enquiry is not timely:
    it is refused at entry, and the DfE excludes such records from the duration bands.
    """
    days = icpc_working_days(enquiry_start, conference_date)
    return 0 <= days <= ICPC_WORKING_DAYS


def review_due(previous_kind: str, previous_date: dt.date) -> dt.date:
    """Latest date for a review: 3 months after an initial (or transfer-in) conference, 6 months
    after a previous review."""
    months = LATER_REVIEW_MONTHS if previous_kind == REVIEW else FIRST_REVIEW_MONTHS
    return add_months(previous_date, months)


def report_is_on_time(submitted: dt.date | None, conference_date: dt.date) -> bool:
    """An agency report is on time when it reached the chair at least 2 working days before the
    conference (submitted on day D, conference on D + 2 working days or later)."""
    if submitted is None:
        return False
    return working_days_between(submitted, conference_date) >= REPORT_WORKING_DAYS_BEFORE


@dataclass(frozen=True)
class Sitting:
    """One conference of a child, as the timescale rules need it."""

    key: object
    kind: str
    date: dt.date
    enquiry_start: dt.date | None = None


@dataclass(frozen=True)
class Timeliness:
    """Result for one conference: due date, working days (initial only), timely (None: not measured)."""

    due: dt.date | None
    working_days: int | None
    timely: bool | None
    previous_key: object = None


def assess_child(sittings: Iterable[Sitting]) -> dict[object, Timeliness]:
    """Timeliness of every conference of one child, in date order.

    - initial: due 15 working days after the s47 enquiry start;
    - review: due 3 months after the previous conference when that was an initial or
      transfer-in conference (the first review), else 6 months after the previous review;
    - transfer-in: not measured (the timescale was set by the authority the child came from),
      but it starts the review clock like an initial conference;
    - a review with no earlier conference cannot be measured (timely None).
    """
    ordered = sorted(sittings, key=lambda s: (s.date, 0 if s.kind != REVIEW else 1, str(s.key)))
    result: dict[object, Timeliness] = {}
    previous: Sitting | None = None
    for sitting in ordered:
        if sitting.kind == INITIAL:
            if sitting.enquiry_start is None:
                result[sitting.key] = Timeliness(None, None, None)
            else:
                result[sitting.key] = Timeliness(
                    icpc_due(sitting.enquiry_start),
                    icpc_working_days(sitting.enquiry_start, sitting.date),
                    icpc_is_timely(sitting.enquiry_start, sitting.date),
                )
        elif sitting.kind == REVIEW:
            if previous is None:
                result[sitting.key] = Timeliness(None, None, None)
            else:
                due = review_due(previous.kind, previous.date)
                result[sitting.key] = Timeliness(due, None, sitting.date <= due, previous.key)
        else:
            result[sitting.key] = Timeliness(None, None, None)
        previous = sitting
    return result


def assess_core_groups(
    *, conference_date: dt.date, meetings: Iterable[tuple[object, dt.date]], interval_weeks: int
) -> dict[object, Timeliness]:
    """Timeliness of the core groups of one plan, in date order.

    The first is due within 10 working days of the conference that made the plan (day 10 in
    time, day 11 late; working days counted as for conferences); each later one within
    `interval_weeks` weeks of the one before (the partnership's interval; on the day is in time).
    """
    result: dict[object, Timeliness] = {}
    previous: dt.date | None = None
    for key, day in sorted(meetings, key=lambda m: (m[1], str(m[0]))):
        if previous is None:
            days = working_days_between(conference_date, day)
            due = add_working_days(conference_date, CORE_GROUP_FIRST_WORKING_DAYS)
            result[key] = Timeliness(due, days, 0 <= days <= CORE_GROUP_FIRST_WORKING_DAYS)
        else:
            due = previous + dt.timedelta(weeks=interval_weeks)
            result[key] = Timeliness(due, None, day <= due)
        previous = day
    return result
