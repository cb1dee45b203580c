"""Pure rules for partnership performance: no Django imports, tested without a database.

Attendance rates, quorum, budget variance and contribution flags, survey thresholds and
distributions, report routing states, financial years, the public-form spam guard, training
standards (follow-up date, response rates, share meeting a criterion) and workforce returns.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from bscp_portal.lib.rounding import mean_of, percent

# --- attendance ---------------------------------------------------------------------------

ATTENDED = "attended"
APOLOGIES = "apologies"
ABSENT = "absent"
EXPECTED = "expected"
RECORDED_STATUSES = frozenset({ATTENDED, APOLOGIES, ABSENT})


def is_represented(status: str, deputy: str = "") -> bool:
    """An agency is represented when its member attended, or sent apologies with a named deputy."""
    return status == ATTENDED or (status == APOLOGIES and bool((deputy or "").strip()))


def attendance_rate(records: Iterable[tuple[str, str]]) -> Decimal | None:
    """Percentage of recorded meetings at which the agency was represented (1 dp).

    `records` are (status, deputy) pairs; rows not yet recorded are left out. None when nothing
    has been recorded — no rate is invented.
    """
    recorded = [(s, d) for s, d in records if s in RECORDED_STATUSES]
    if not recorded:
        return None
    represented = sum(1 for s, d in recorded if is_represented(s, d))
    return percent(represented, len(recorded))


def below_threshold(rate: Decimal | None, threshold_pct: int | Decimal) -> bool:
    """Flag an agency whose rate is strictly below the threshold (exactly at it is not flagged)."""
    return rate is not None and rate < Decimal(threshold_pct)


def is_quorate(
    *,
    represented: int,
    expected: int,
    min_agencies: int,
    min_percent: int = 0,
    statutory_required: bool = False,
    statutory_represented: int = 0,
    statutory_expected: int = 0,
) -> bool:
    """Quorate when at least `min_agencies` agencies were represented, at least `min_percent`
    of those expected, and — if the rule says so — every expected statutory partner."""
    if represented < min_agencies:
        return False
    if min_percent and (not expected or Decimal(represented) * 100 < Decimal(min_percent) * expected):
        return False
    return not (statutory_required and statutory_represented < statutory_expected)


def future_meeting_problem(meeting_date: dt.date, today: dt.date) -> str | None:
    """Attendance can only be recorded for a meeting that has taken place (today or earlier)."""
    if meeting_date > today:
        return "This meeting has not taken place yet: attendance can be recorded on or after the day."
    return None


# --- budget -------------------------------------------------------------------------------


def variance(budget: Decimal | None, actual: Decimal | None) -> tuple[Decimal, Decimal | None] | None:
    """(actual - budget, that as % of budget to 1 dp); positive is overspend.

    None when there is no actual yet; the percentage is None when the budget is zero.
    """
    if actual is None or budget is None:
        return None
    amount = Decimal(actual) - Decimal(budget)
    return amount, percent(amount, Decimal(budget))


OVER_RECEIVED = "over"
UNDER_RECEIVED = "under"
MET = "met"
NOT_RECEIVED = "not_received"
CONTRIBUTION_FLAG_LABELS = {
    OVER_RECEIVED: "Received more than agreed",
    UNDER_RECEIVED: "Received less than agreed",
    MET: "Received as agreed",
    NOT_RECEIVED: "Not yet received",
}


def contribution_flag(agreed: Decimal, received: Decimal | None) -> str:
    """Compare a contribution received with what was agreed. More than agreed is allowed, flagged."""
    if received is None:
        return NOT_RECEIVED
    if received > agreed:
        return OVER_RECEIVED
    if received < agreed:
        return UNDER_RECEIVED
    return MET


# --- members' rating survey -----------------------------------------------------------------

SCALE = (1, 2, 3, 4, 5)


def results_visible(responses: int, minimum: int) -> bool:
    """Results are shown only when at least `minimum` members answered (5 by default)."""
    return responses >= minimum


def distribution(scores: Iterable[int]) -> dict[int, int]:
    """Count of answers at each point of the 1–5 scale (every point present, zeros included)."""
    counts = dict.fromkeys(SCALE, 0)
    for s in scores:
        if s in counts:
            counts[s] += 1
    return counts


def mean_score(counts: dict[int, int]) -> Decimal | None:
    """Mean of a distribution to 2 dp; None when nobody answered."""
    return mean_of(sum(score * c for score, c in counts.items()), sum(counts.values()))


def trend(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Change in mean score against last year; None when either year has no shown result."""
    if current is None or previous is None:
        return None
    return current - previous


# --- reports through PAQA -------------------------------------------------------------------

REQUESTED = "requested"
RECEIVED = "received"
TABLED = "tabled"
CIRCULATED = "circulated"
RETURNED = "returned"

#: Every report passes PAQA: from receipt it is tabled, circulated or returned; a returned
#: report may come back; a report the Partnership requested is due until it is received.
TRANSITIONS: dict[str, frozenset[str]] = {
    REQUESTED: frozenset({RECEIVED}),
    RECEIVED: frozenset({TABLED, CIRCULATED, RETURNED}),
    RETURNED: frozenset({RECEIVED}),
    TABLED: frozenset(),
    CIRCULATED: frozenset(),
}
DECISIONS = frozenset({TABLED, CIRCULATED, RETURNED})
REASON_NEEDED = {
    TABLED: "Give the reason for tabling the report for the Partnership.",
    CIRCULATED: "Give the reason for circulating the report for information only.",
    RETURNED: "Give the reasons for returning the report.",
}


def routing_problem(current: str, target: str, *, meeting_chosen: bool = False, reasons: str = "") -> str | None:
    """Why a report cannot move from `current` to `target`, or None when it can."""
    if target not in TRANSITIONS.get(current, frozenset()):
        return f"A report that is {current.replace('_', ' ')} cannot be marked {target.replace('_', ' ')}."
    if target == TABLED and not meeting_chosen:
        return "Choose the Partnership meeting at which the report will be tabled."
    if target in DECISIONS and not (reasons or "").strip():
        # Every decision of PAQA's is recorded with its reason, not only a return.
        return REASON_NEEDED[target]
    return None


# --- public forms ------------------------------------------------------------------------------


def looks_like_a_bot(*, honeypot: str, elapsed_seconds: float | None, min_seconds: float) -> bool:
    """A form is from a bot when the hidden field was filled, the start time is missing or
    forged, or it came back faster than a person could read and answer it."""
    if (honeypot or "").strip():
        return True
    return elapsed_seconds is None or elapsed_seconds < min_seconds


def over_rate_limit(count_in_window: int, limit: int) -> bool:
    """True once an address has already sent `limit` submissions in the current window."""
    return count_in_window >= limit


def mean(values: Iterable[int | float | Decimal]) -> Decimal | None:
    """Mean to 2 dp; None for no values."""
    vals = [Decimal(v) for v in values]
    return mean_of(sum(vals), len(vals))


# --- the partnership's own standards: training evaluations ------------------------------------

FOLLOW_UP_MONTHS = 3


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later, or the month's last day if it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def follow_up_due(held_on: dt.date) -> dt.date:
    """The follow-up on impact on practice opens 3 calendar months after the course was held."""
    return add_months(held_on, FOLLOW_UP_MONTHS)


def follow_up_problem(held_on: dt.date, today: dt.date) -> str | None:
    """Why a 3-month follow-up cannot be taken yet (it would be too early to judge impact)."""
    due = follow_up_due(held_on)
    if today < due:
        return f"The 3-month follow-up opens on {due.day} {due:%B %Y}, three months after the course."
    return None


def response_rate(responses: int, attended: int) -> Decimal | None:
    """Responses as a share of the people who attended, to 1 dp; None when nobody attended."""
    return percent(responses, attended)


def criterion_share(met: int, answered: int) -> Decimal | None:
    """The share meeting a criterion: of those who answered it, those who said it was met, to
    1 dp; None (not 0%) when no one answered it."""
    return percent(met, answered)


# --- workforce ---------------------------------------------------------------------------------


def workforce_problems(
    *, staff_in_contact: int, trained: int, safeguarding_posts: int, vacancies: int, leavers: int
) -> dict[str, str]:
    """What is impossible in a workforce return, by field; empty when it adds up."""
    problems = {}
    figures = {
        "staff_in_contact": staff_in_contact,
        "trained": trained,
        "safeguarding_posts": safeguarding_posts,
        "vacancies": vacancies,
        "leavers": leavers,
    }
    for field, value in figures.items():
        if value is None or value < 0:
            problems[field] = "Enter a whole number, 0 or more."
    if problems:
        return problems
    if trained > staff_in_contact:
        problems["trained"] = (
            f"Staff trained ({trained}) cannot be more than the staff in contact with children ({staff_in_contact})."
        )
    if vacancies > safeguarding_posts:
        problems["vacancies"] = (
            f"Vacant posts ({vacancies}) cannot be more than the posts in safeguarding roles ({safeguarding_posts})."
        )
    return problems


#: Each workforce rate as (numerator, denominator): the trained share of staff in contact with
#: children; vacancy rate and turnover (leavers) as shares of the posts in safeguarding roles.
WORKFORCE_RATES = {
    "trained_pct": ("trained", "staff_in_contact"),
    "vacancy_pct": ("vacancies", "safeguarding_posts"),
    "turnover_pct": ("leavers", "safeguarding_posts"),
}


def workforce_rates(**figures: int) -> dict[str, Decimal | None]:
    """The workforce rates, each to 1 dp, None where the base is 0."""
    return {name: percent(figures[top], figures[base]) for name, (top, base) in WORKFORCE_RATES.items()}
