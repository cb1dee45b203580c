"""The governance steps of a multi-agency audit, in the order the framework sets. Pure: no Django.

1. the methodology is agreed (who agreed it, when);
2. the audit team is confirmed, with expertise from outside PAQA;
3. the findings are presented to PAQA (date, meeting);
4. the recommendations are agreed by the Partnership: only then may the action plan start;
5. the learning is disseminated, good practice as readily as shortfalls.

Each step is dated. A step is recorded only once every earlier step is, and on a date no earlier
than the step before it and not in the future.
"""

import datetime as dt
from collections.abc import Iterable, Mapping

METHODOLOGY = "methodology"
TEAM = "team"
FINDINGS = "findings"
RECOMMENDATIONS = "recommendations"
DISSEMINATION = "dissemination"

STEPS: list[tuple[str, str]] = [
    (METHODOLOGY, "Methodology agreed"),
    (TEAM, "Audit team confirmed"),
    (FINDINGS, "Findings presented to PAQA"),
    (RECOMMENDATIONS, "Recommendations agreed by the Partnership"),
    (DISSEMINATION, "Good practice and learning disseminated"),
]
STEP_CODES = [code for code, _ in STEPS]
STEP_LABELS = dict(STEPS)

GOOD_PRACTICE = "good_practice"
SHORTFALL = "shortfall"

NO_PLAN_YET = (
    "The Partnership has not yet agreed this audit's recommendations: the action plan starts only "
    "once its agreement is recorded on the audit's governance timeline."
)


def current_step(dates: Mapping[str, dt.date | None]) -> str | None:
    """The first step not yet recorded (where the audit is waiting); None when all are done."""
    return next((code for code in STEP_CODES if not dates.get(code)), None)


def order_problem(step: str, on: dt.date | None, dates: Mapping[str, dt.date | None], today: dt.date) -> str | None:
    """Why `step` cannot be recorded on `on` given the dates already recorded, or None."""
    if step not in STEP_LABELS:
        return "Unknown governance step."
    if on is None:
        return "Give the date."
    if on > today:
        return "The date is in the future: record a step once it has happened."
    index = STEP_CODES.index(step)
    if dates.get(step):
        return f"“{STEP_LABELS[step]}” is already recorded ({dates[step]:%-d %B %Y})."
    for earlier in STEP_CODES[:index]:
        if not dates.get(earlier):
            return f"Record “{STEP_LABELS[earlier]}” first: the steps are taken in order."
    if index:
        previous = STEP_CODES[index - 1]
        if on < dates[previous]:
            return (
                f"The date is before “{STEP_LABELS[previous]}” ({dates[previous]:%-d %B %Y}): "
                "the steps are taken in order."
            )
    return None


def team_problem(outside_paqa: Iterable[bool]) -> str | None:
    """The team can be confirmed once it has members, at least one with expertise from outside PAQA."""
    flags = list(outside_paqa)
    if not flags:
        return "Add the audit team's members first."
    if not any(flags):
        return "The audit team needs at least one member with expertise from outside PAQA."
    return None


def dissemination_step_date(records: Iterable[tuple[str, dt.date]]) -> dt.date | None:
    """The step is done when good practice has been disseminated, not only shortfalls: the date
    of the first good-practice record."""
    good = [on for kind, on in records if kind == GOOD_PRACTICE]
    return min(good) if good else None


def action_plan_refusal(recommendations_agreed_on: dt.date | None) -> str | None:
    return None if recommendations_agreed_on else NO_PLAN_YET
