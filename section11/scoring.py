"""Section 11 compliance rules: pure functions, no Django, called by models, views and reports.

A self-rating (or a reviewer's, or the rating agreed at a challenge session) is one of four
values. Fully met, partially met and not met are shown green, amber and red (FRAMEWORK.md
section 2); "not applicable" counts neither for nor against an agency.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bscp_portal.lib.rounding import percent

FULLY_MET = "fully_met"
PARTIALLY_MET = "partially_met"
NOT_MET = "not_met"
NOT_APPLICABLE = "not_applicable"

RATINGS = (FULLY_MET, PARTIALLY_MET, NOT_MET, NOT_APPLICABLE)
RATING_LABELS = {
    FULLY_MET: "Fully met",
    PARTIALLY_MET: "Partially met",
    NOT_MET: "Not met",
    NOT_APPLICABLE: "Not applicable",
}
#: Points towards compliance. Not applicable has no points and is left out of the base.
POINTS = {FULLY_MET: 2, PARTIALLY_MET: 1, NOT_MET: 0}
RAG = {FULLY_MET: "GREEN", PARTIALLY_MET: "AMBER", NOT_MET: "RED"}
#: Ratings that need an improvement action (or a stated reason for having none).
NEEDS_ACTION = frozenset({PARTIALLY_MET, NOT_MET})

#: What "fully met" needs as evidence, set per standard by the business unit.
EVIDENCE_EITHER = "either"
EVIDENCE_DOCUMENT = "document"
EVIDENCE_DESCRIPTION = "description"
EVIDENCE_RULES = {
    EVIDENCE_EITHER: "a document or a written description of the evidence",
    EVIDENCE_DOCUMENT: "an evidence document",
    EVIDENCE_DESCRIPTION: "a written description of the evidence",
}

#: Reminders before the deadline, in days (the issue: 28, 14 and 7 days before).
REMINDER_DAYS_BEFORE = (28, 14, 7)
#: Overdue returns get a notice every this many days, starting the day after the deadline.
OVERDUE_EVERY_DAYS = 7


def is_rated(rating: str | None) -> bool:
    """A standard counts as rated once it has any of the four ratings."""
    return rating in RATINGS


def rag(rating: str | None) -> str:
    """GREEN / AMBER / RED for fully / partially / not met; NOT_RATED for not applicable or none."""
    return RAG.get(rating or "", "NOT_RATED")


def label(rating: str | None) -> str:
    """The rating as people read it; "Not rated" when there is none."""
    return RATING_LABELS.get(rating or "", "Not rated")


def effective_rating(*, self_rating: str | None, agreed_rating: str | None) -> tuple[str | None, bool]:
    """The rating the partnership reports and whether it was agreed at a challenge session.

    The agreed rating wins; without one the agency's self-rating stands (and is marked as such).
    """
    if is_rated(agreed_rating):
        return agreed_rating, True
    if is_rated(self_rating):
        return self_rating, False
    return None, False


def compliance_percent(ratings: Iterable[str | None]) -> Decimal | None:
    """Points scored over points possible, as a percentage to 1 decimal place.

    Fully met scores 2, partially met 1, not met 0; not applicable and unrated standards are
    left out of both sides. No applicable rated standard at all: None (no score, never 0).
    """
    scored = [POINTS[r] for r in ratings if r in POINTS]
    return percent_of_points(points=sum(scored), scored=len(scored))


def percent_of_points(*, points: int, scored: int) -> Decimal | None:
    """`points` scored by `scored` applicable ratings (2 each at most) as a percentage to 1
    decimal place: the same figure as `compliance_percent` from totals counted elsewhere (in
    the database). None when nothing is scored."""
    if not scored:
        return None
    return percent(points, 2 * scored)


def change(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Change in compliance percentage points since the previous round; None if either is missing."""
    if current is None or previous is None:
        return None
    return current - previous


@dataclass(frozen=True)
class Tally:
    fully_met: int = 0
    partially_met: int = 0
    not_met: int = 0
    not_applicable: int = 0
    not_rated: int = 0

    @property
    def rated(self) -> int:
        return self.fully_met + self.partially_met + self.not_met + self.not_applicable


def tally(ratings: Iterable[str | None]) -> Tally:
    """How many of each rating (totals per standard or per agency in the matrix)."""
    counts = {r: 0 for r in RATINGS}
    missing = 0
    for r in ratings:
        if r in counts:
            counts[r] += 1
        else:
            missing += 1
    return Tally(
        fully_met=counts[FULLY_MET],
        partially_met=counts[PARTIALLY_MET],
        not_met=counts[NOT_MET],
        not_applicable=counts[NOT_APPLICABLE],
        not_rated=missing,
    )


def completeness(ratings: Iterable[str | None]) -> tuple[int, int]:
    """(rated, total) standards: the completeness indicator of a return."""
    ratings = list(ratings)
    return sum(1 for r in ratings if is_rated(r)), len(ratings)


@dataclass(frozen=True)
class StandardState:
    """What the submission check needs to know about one standard of a return."""

    number: int
    title: str
    rating: str | None
    na_reason: str = ""
    action_count: int = 0
    no_action_reason: str = ""
    carried_forward: bool = False
    carried_from: str = ""
    imported_from: str = ""
    evidence_rule: str = EVIDENCE_EITHER
    evidence_files: int = 0
    evidence_text: str = ""


def evidence_missing(*, rule: str, files: int, text: str) -> bool:
    """Whether "fully met" lacks the evidence its standard asks for (unknown rule: either)."""
    has_text = bool(text.strip())
    if rule == EVIDENCE_DOCUMENT:
        return files == 0
    if rule == EVIDENCE_DESCRIPTION:
        return not has_text
    return files == 0 and not has_text


def standard_problem(state: StandardState) -> str:
    """Why this standard stops a submission, or "" if it is ready.

    Unrated: refused. Carried forward from an earlier round, or imported from another
    partnership's exchange file: confirmed or changed first. Not applicable: needs a reason.
    Fully met: needs the evidence its standard asks for. Partially or not met: needs an
    improvement action, or a reason for having none.
    """
    if not is_rated(state.rating):
        return "not rated yet"
    if state.carried_forward and state.imported_from:
        return f"imported from {state.imported_from}, not yet confirmed"
    if state.carried_forward:
        source = f" from {state.carried_from}" if state.carried_from else ""
        return f"carried forward{source}, not yet confirmed"
    if state.rating == NOT_APPLICABLE and not state.na_reason.strip():
        return "marked not applicable without a reason"
    if state.rating == FULLY_MET and evidence_missing(
        rule=state.evidence_rule, files=state.evidence_files, text=state.evidence_text
    ):
        needed = EVIDENCE_RULES.get(state.evidence_rule, EVIDENCE_RULES[EVIDENCE_EITHER])
        return f"rated fully met without evidence (it needs {needed})"
    if state.rating in NEEDS_ACTION and state.action_count == 0 and not state.no_action_reason.strip():
        return f"rated {label(state.rating).lower()} with no improvement action and no reason for having none"
    return ""


def submission_problems(states: Iterable[StandardState]) -> list[tuple[StandardState, str]]:
    """Every standard that stops a submission, with its reason, in standard order."""
    found = [(s, standard_problem(s)) for s in sorted(states, key=lambda s: s.number)]
    return [(s, p) for s, p in found if p]


@dataclass(frozen=True)
class ReturnRatings:
    """One agency's return as the headline sees it: (self-rating, agreed rating) per standard."""

    agency_id: int
    ratings: tuple[tuple[str | None, str | None], ...]


@dataclass(frozen=True)
class Headline:
    """A compliance figure with what stands behind it.

    percent: over agreed ratings only (not applicable left out), or None when none is agreed;
    agreed_standards: agreed ratings in the denominator; agencies: agencies behind them;
    not_reviewed: returns with any standard still without an agreed rating (drafts included).
    """

    percent: Decimal | None
    agreed_standards: int
    agencies: int
    not_reviewed: int

    @property
    def text(self) -> str:
        """ "78.4% of 41 agreed standards, 12 agencies; 6 returns not yet reviewed"."""
        if self.percent is None:
            figure = "No agreed ratings yet"
        else:
            standards = "standard" if self.agreed_standards == 1 else "standards"
            agencies = "agency" if self.agencies == 1 else "agencies"
            figure = f"{self.percent}% of {self.agreed_standards} agreed {standards}, {self.agencies} {agencies}"
        if self.not_reviewed:
            returns = "return" if self.not_reviewed == 1 else "returns"
            return f"{figure}; {self.not_reviewed} {returns} not yet reviewed"
        return figure


def agreed_only(ratings: Iterable[tuple[str | None, str | None]]) -> list[str]:
    """The agreed ratings of (self, agreed) pairs; self-ratings never count in a headline."""
    return [agreed for _self, agreed in ratings if is_rated(agreed)]


def headline(returns: Iterable[ReturnRatings]) -> Headline:
    """The round's (or a group's) compliance from ratings agreed at challenge, with its base."""
    counted: list[str] = []
    agencies: set[int] = set()
    not_reviewed = 0
    for ret in returns:
        agreed = agreed_only(ret.ratings)
        if len(agreed) < len(ret.ratings) or not ret.ratings:
            not_reviewed += 1
        scored = [r for r in agreed if r in POINTS]
        if scored:
            agencies.add(ret.agency_id)
            counted.extend(scored)
    return Headline(
        percent=compliance_percent(counted),
        agreed_standards=len(counted),
        agencies=len(agencies),
        not_reviewed=not_reviewed,
    )


def reminder_due(*, today: date, deadline: date) -> str | None:
    """Which reminder an agency that has not submitted gets today, if any.

    "28", "14" or "7" on those days before the deadline; "overdue" the day after the deadline
    and every 7 days after that; None on every other day (and on the deadline itself).
    """
    days_left = (deadline - today).days
    if days_left in REMINDER_DAYS_BEFORE:
        return str(days_left)
    if days_left < 0 and (-days_left - 1) % OVERDUE_EVERY_DAYS == 0:
        return "overdue"
    return None


def days_to_deadline(*, today: date, deadline: date) -> int:
    """Calendar days left until the deadline (0 on the day, negative when overdue)."""
    return (deadline - today).days
