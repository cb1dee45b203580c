"""National timescales for serious incidents, counted in England and Wales working days.

Pure: no Django imports. Working days come from the one shared helper
(`bscp_portal.lib.workdays`), the same one the conferences strand uses.

- Notification: the partnership notifies the Child Safeguarding Practice Review Panel of a
  serious incident within 5 working days of becoming aware of it.
- Rapid review: completed within 15 working days of the notification.

A step done on its last permitted working day is on time; one working day later is late.
"""

import datetime as dt
from dataclasses import dataclass

from bscp_portal.lib.workdays import add_working_days, working_days_between

NOTIFICATION_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15

#: Kinds of case review that follow a serious incident notification (codes of CaseReview.Kind).
NOTIFIABLE_KINDS = frozenset({"rapid", "local_cspr", "national"})

ON_TIME = "on_time"
LATE = "late"
OPEN = "open"  # not done yet, still within the timescale
OVERDUE = "overdue"  # not done yet and the timescale has passed
WAITING = "waiting"  # cannot start: the step before it has no date

LABELS = {
    ON_TIME: "On time",
    LATE: "Late",
    OPEN: "Due",
    OVERDUE: "Overdue",
    WAITING: "Waiting",
}


@dataclass(frozen=True)
class Timescale:
    """One step of the timeline: what, from when, due when, done when, and its state."""

    step: str
    label: str
    limit: int  # working days allowed
    start: dt.date | None
    due: dt.date | None
    done: dt.date | None
    state: str

    @property
    def taken(self) -> int | None:
        """Working days taken (start < d <= done), when done."""
        if self.start is None or self.done is None:
            return None
        return working_days_between(self.start, self.done)

    @property
    def state_label(self) -> str:
        return LABELS[self.state]

    @property
    def compliant(self) -> bool | None:
        """True on time, False late (or overdue), None while still open or waiting."""
        if self.state == ON_TIME:
            return True
        if self.state in (LATE, OVERDUE):
            return False
        return None


def due_date(start: dt.date, limit: int) -> dt.date:
    """The last working day on which a step started on `start` is still on time."""
    return add_working_days(start, limit)


def step_state(start: dt.date | None, done: dt.date | None, limit: int, today: dt.date) -> str:
    """On time when done within `limit` working days of `start` (start < d <= done), late
    when after; while not done, open until a working day past the limit, overdue after it;
    waiting with no start date."""
    if start is None:
        return WAITING
    # The first working day beyond the limit: anything before it is within the limit, even
    # a weekend or bank holiday after the due day. (Counting forward from start keeps this
    # cheap for old records, where counting back from today would walk years of days.)
    first_late_day = add_working_days(start, limit + 1)
    if done is not None:
        return ON_TIME if done < first_late_day else LATE
    return OPEN if today < first_late_day else OVERDUE


@dataclass(frozen=True)
class Step:
    """One national timescale: its code, what it says, and the working days it allows."""

    code: str
    label: str
    limit: int

    def on(self, start: dt.date | None, done: dt.date | None, today: dt.date) -> Timescale:
        """This step of one review: started on `start`, done on `done` (None while not done)."""
        return Timescale(
            step=self.code,
            label=self.label,
            limit=self.limit,
            start=start,
            due=due_date(start, self.limit) if start else None,
            done=done,
            state=step_state(start, done, self.limit, today),
        )


NOTIFICATION = Step("notification", "National panel notified", NOTIFICATION_WORKING_DAYS)
RAPID_REVIEW = Step("rapid_review", "Rapid review completed", RAPID_REVIEW_WORKING_DAYS)
#: The steps of a notifiable review's timeline, in order.
STEPS = (NOTIFICATION, RAPID_REVIEW)


def notification(became_aware_on: dt.date | None, notified_on: dt.date | None, today: dt.date) -> Timescale:
    """Notification to the national panel within 5 working days of becoming aware."""
    return NOTIFICATION.on(became_aware_on, notified_on, today)


def rapid_review(notified_on: dt.date | None, rapid_review_on: dt.date | None, today: dt.date) -> Timescale:
    """Rapid review completed within 15 working days of the notification."""
    return RAPID_REVIEW.on(notified_on, rapid_review_on, today)


def timeline(
    *,
    kind: str,
    became_aware_on: dt.date | None,
    notified_on: dt.date | None,
    rapid_review_on: dt.date | None,
    today: dt.date,
) -> list[Timescale]:
    """Both national timescales for a notifiable kind of review; none for the others (a
    learning lessons or management review is not notified to the national panel)."""
    if kind not in NOTIFIABLE_KINDS:
        return []
    return [notification(became_aware_on, notified_on, today), rapid_review(notified_on, rapid_review_on, today)]


def compliance(timelines: list[list[Timescale]]) -> dict[str, dict[str, int]]:
    """Per step, how many reviews are in each state (on time, late, due, overdue, waiting)."""
    counts: dict[str, dict[str, int]] = {}
    for steps in timelines:
        for step in steps:
            row = counts.setdefault(step.step, {state: 0 for state in LABELS})
            row[step.state] += 1
    return counts
