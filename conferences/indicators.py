"""The conference indicators the scorecard shows, computed from facts: pure, no Django imports.

Each indicator is a percentage = numerator / denominator x 100, rounded half-up to 1 decimal
place (the DfE convention). A period with no denominator has no figure at all (never an
invented 0%). Periods are calendar months and financial years (1 April to 31 March, as the DfE
publishes); an event belongs to the period holding its date.

| code                            | counted in the period                | numerator                           |
| ------------------------------- | ------------------------------------ | ----------------------------------- |
| CP_ICPC_15WD                    | initial conferences held             | held within 15 working days         |
| CP_REVIEWS_IN_TIME              | review conferences held (measurable) | held within timescale               |
| CP_SECOND_PLAN                  | plans started (outcome "plan made")  | second or subsequent plan for child |
| CP_PLANS_ENDED_2YRS             | plans ended (outcome "plan ended")   | lasted 2 years or more              |
| CONF_AGENCY_ATTENDANCE          | agency invitations to conferences    | agency attended                     |
| CONF_REPORTS_ON_TIME            | agency invitations to conferences    | report in 2+ working days before    |
| CONF_QUESTIONNAIRE_SATISFACTION | scale answers given in questionnaires| "agree" or "strongly agree" (4, 5)  |
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bscp_portal.lib import periods
from bscp_portal.lib.rounding import percent

ICPC_15WD = "CP_ICPC_15WD"
REVIEWS_IN_TIME = "CP_REVIEWS_IN_TIME"
SECOND_PLAN = "CP_SECOND_PLAN"
PLANS_ENDED_2YRS = "CP_PLANS_ENDED_2YRS"
AGENCY_ATTENDANCE = "CONF_AGENCY_ATTENDANCE"
REPORTS_ON_TIME = "CONF_REPORTS_ON_TIME"
QUESTIONNAIRE_SATISFACTION = "CONF_QUESTIONNAIRE_SATISFACTION"

CODES = [
    ICPC_15WD,
    REVIEWS_IN_TIME,
    SECOND_PLAN,
    PLANS_ENDED_2YRS,
    AGENCY_ATTENDANCE,
    REPORTS_ON_TIME,
    QUESTIONNAIRE_SATISFACTION,
]

SATISFIED_SCORES = frozenset({4, 5})
PLAN_MADE = "plan_made"
PLAN_ENDED = "plan_ended"


@dataclass(frozen=True)
class ConferenceFact:
    date: dt.date
    kind: str
    timely: bool | None
    outcome: str = ""
    second_plan: bool = False
    plan_start: dt.date | None = None
    plan_end: dt.date | None = None


@dataclass(frozen=True)
class InvitationFact:
    date: dt.date  # the conference date
    attended: bool
    report_on_time: bool


@dataclass(frozen=True)
class AnswerFact:
    date: dt.date  # the conference date the answer is about
    score: int


def last_closed_month(today: dt.date) -> tuple[dt.date, dt.date]:
    """The month that has most recently closed (on 1 June: May). A month still in progress is
    never a monthly figure: the scorecard must not show a part-month as the current month."""
    return periods.month_of(today.replace(day=1) - dt.timedelta(days=1))


def financial_year_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the financial year holding `day`."""
    return periods.financial_year(day).dates


def lasted_two_years(start: dt.date, end: dt.date) -> bool:
    """A plan lasted 2 years or more when it ended on or after the second anniversary of its
    start (29 February starts count from 28 February two years on)."""
    try:
        anniversary = start.replace(year=start.year + 2)
    except ValueError:
        anniversary = start.replace(year=start.year + 2, day=28)
    return end >= anniversary


def _tallies(conferences, invitations, answers) -> dict[str, list[tuple[dt.date, bool]]]:
    """Per indicator, the counted events as (date, counts-in-numerator)."""
    events: dict[str, list[tuple[dt.date, bool]]] = {code: [] for code in CODES}
    for c in conferences:
        if c.kind == "initial" and c.timely is not None:
            events[ICPC_15WD].append((c.date, c.timely))
        if c.kind == "review" and c.timely is not None:
            events[REVIEWS_IN_TIME].append((c.date, c.timely))
        if c.outcome == PLAN_MADE:
            events[SECOND_PLAN].append((c.plan_start or c.date, c.second_plan))
        if c.outcome == PLAN_ENDED and c.plan_start and c.plan_end:
            events[PLANS_ENDED_2YRS].append((c.plan_end, lasted_two_years(c.plan_start, c.plan_end)))
    for i in invitations:
        events[AGENCY_ATTENDANCE].append((i.date, i.attended))
        events[REPORTS_ON_TIME].append((i.date, i.report_on_time))
    for a in answers:
        events[QUESTIONNAIRE_SATISFACTION].append((a.date, a.score in SATISFIED_SCORES))
    return events


def _rows(events: list[tuple[dt.date, bool]], period_of: Callable, start: dt.date, end: dt.date) -> list[dict]:
    counts: dict[tuple[dt.date, dt.date], list[int]] = defaultdict(lambda: [0, 0])
    for day, hit in events:
        if start <= day <= end:
            tally = counts[period_of(day)]
            tally[1] += 1
            tally[0] += int(hit)
    return [
        {
            "period_start": period[0],
            "period_end": period[1],
            "value": percent(num, den),
            "numerator": num,
            "denominator": den,
        }
        for period, (num, den) in sorted(counts.items())
    ]


def compute(
    *,
    conferences: Iterable[ConferenceFact],
    invitations: Iterable[InvitationFact] = (),
    answers: Iterable[AnswerFact] = (),
    start: dt.date,
    end: dt.date,
    period: str = "month",
) -> dict[str, list[dict]]:
    """Rows per indicator code for each month (period="month") or financial year ("year")
    from `start` to `end` inclusive; rows only where something was counted."""
    period_of = {"month": periods.month_of, "year": financial_year_of}[period]
    events = _tallies(conferences, invitations, answers)
    return {code: _rows(events[code], period_of, start, end) for code in CODES}
