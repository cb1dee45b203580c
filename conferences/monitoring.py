"""What the safeguarding services manager reports to PAQA about conferences: pure rules, no Django.

- A conference held out of timescale needs a reason from the partnership's list and a few words
  on what happened; the reasons are counted so that PAQA sees which recur.
- Conference standards are recorded per conference (met, not met, not applicable) and counted
  by period, by chair and by agency. The rate is met / (met + not met) as a percentage to one
  decimal place (half up); not applicable is left out of both sides, and a group with nothing
  counted has no figure (never 0%).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from bscp_portal.lib import periods
from bscp_portal.lib.rounding import percent

MET = "met"
NOT_MET = "not_met"
NOT_APPLICABLE = "na"
NO_REASON = ""


def late_reason_problems(*, timely: bool | None, reason: str | None, detail: str) -> dict[str, str]:
    """Field -> message for a conference's out-of-timescale reason; empty when it can be kept.

    Late (timely False): a reason from the list and a description of what happened are both
    needed. In timescale or not measured: no reason is asked for, and none may be given.
    """
    if timely is False:
        errors = {}
        if not reason:
            errors["late_reason"] = "This conference was out of timescale: choose the reason from the list."
        if not (detail or "").strip():
            errors["late_reason_detail"] = "Say in a few words what happened, so the reason can be analysed."
        return errors
    if reason or (detail or "").strip():
        return {"late_reason": "This conference was in timescale (or is not measured): leave the reason empty."}
    return {}


@dataclass(frozen=True)
class ReasonCount:
    reason: str  # the reason's code, or "" for a late conference with no reason recorded
    count: int
    percent: Decimal | None  # of all late conferences counted


def reason_breakdown(reasons: Iterable[str | None]) -> list[ReasonCount]:
    """How often each reason was given for the late conferences passed in, most frequent first
    (ties by code); late conferences without a reason are counted too, under ""."""
    counts: dict[str, int] = defaultdict(int)
    total = 0
    for reason in reasons:
        counts[reason or NO_REASON] += 1
        total += 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [ReasonCount(reason=r, count=n, percent=percent(n, total)) for r, n in ordered]


@dataclass(frozen=True)
class StandardFact:
    """One standard recorded at one conference."""

    conference: int
    date: dt.date
    chair: str
    standard: str
    result: str
    agencies: tuple[int, ...] = ()  # agencies invited to the conference


@dataclass(frozen=True)
class StandardsRow:
    key: object
    conferences: int
    met: int
    not_met: int
    not_applicable: int

    @property
    def percent(self) -> Decimal | None:
        return percent(self.met, self.met + self.not_met)


def financial_quarter(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the financial quarter holding `day` (April-June is Q1)."""
    quarter = periods.quarter_of(day)
    return quarter.start, quarter.end


def quarter_label(start: dt.date) -> str:
    """ "Q1 2025-26" for April-June 2025."""
    return periods.quarter_of(start).label


def _aggregate(
    facts: Iterable[StandardFact], keys_of: Callable[[StandardFact], Iterable[object]]
) -> list[StandardsRow]:
    tallies: dict[object, list] = defaultdict(lambda: [set(), 0, 0, 0])
    for f in facts:
        for key in keys_of(f):
            t = tallies[key]
            t[0].add(f.conference)
            if f.result == MET:
                t[1] += 1
            elif f.result == NOT_MET:
                t[2] += 1
            elif f.result == NOT_APPLICABLE:
                t[3] += 1
    return [
        StandardsRow(key=k, conferences=len(t[0]), met=t[1], not_met=t[2], not_applicable=t[3])
        for k, t in sorted(tallies.items(), key=lambda kv: str(kv[0]))
    ]


def standards_by_period(facts: Iterable[StandardFact], period_of: Callable | None = None) -> list[StandardsRow]:
    """Per financial quarter (or any period function), in date order: the trend."""
    period_of = period_of or financial_quarter
    return sorted(_aggregate(facts, lambda f: [period_of(f.date)]), key=lambda r: r.key)


def standards_by_chair(facts: Iterable[StandardFact]) -> list[StandardsRow]:
    return _aggregate(facts, lambda f: [f.chair])


def standards_by_agency(facts: Iterable[StandardFact]) -> list[StandardsRow]:
    """Per agency invited: every standard of the conferences the agency was invited to."""
    return _aggregate(facts, lambda f: f.agencies)


def standards_by_standard(facts: Iterable[StandardFact]) -> list[StandardsRow]:
    return _aggregate(facts, lambda f: [f.standard])
