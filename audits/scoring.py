"""Scoring of practice audit answers per standard and per agency: pure functions, no Django imports."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from audits.rules import ANSWERS, CASE_GRADES, MET, NA, NOT_MET, PARTLY
from bscp_portal.lib.rounding import percent, round_half_up


@dataclass(frozen=True)
class Score:
    met: int = 0
    partly: int = 0
    not_met: int = 0
    na: int = 0

    @property
    def applicable(self) -> int:
        """Answers that count: not-applicable answers are left out of every percentage."""
        return self.met + self.partly + self.not_met

    @property
    def answered(self) -> int:
        return self.applicable + self.na

    @property
    def pct_met(self) -> Decimal | None:
        return percent(self.met, self.applicable)

    @property
    def pct_partly(self) -> Decimal | None:
        return percent(self.partly, self.applicable)

    @property
    def pct_not_met(self) -> Decimal | None:
        return percent(self.not_met, self.applicable)

    @property
    def compliance(self) -> Decimal | None:
        """(met + half of partly met) / applicable answers, as a percentage; None with no applicable answer."""
        if self.applicable == 0:
            return None
        return round_half_up(Decimal(2 * self.met + self.partly) * 50 / Decimal(self.applicable))


def score_of(counts: Mapping[str, int]) -> Score:
    """A Score from answer counts keyed by answer value; refuses a value outside the scale."""
    bad = set(counts) - set(ANSWERS)
    if bad:
        raise ValueError(f"Answers outside the scale: {', '.join(sorted(bad))}")
    return Score(
        met=counts.get(MET, 0), partly=counts.get(PARTLY, 0), not_met=counts.get(NOT_MET, 0), na=counts.get(NA, 0)
    )


def tabulate(rows: Iterable[tuple]) -> dict:
    """Scores per key from (key, answer, count) rows, as a GROUP BY query returns them."""
    counts: dict = {}
    for key, answer, n in rows:
        counts.setdefault(key, {})
        counts[key][answer] = counts[key].get(answer, 0) + n
    return {key: score_of(c) for key, c in counts.items()}


def total(scores: Iterable[Score]) -> Score:
    """The sum of several scores (the aggregate over standards or agencies)."""
    met = partly = not_met = na = 0
    for s in scores:
        met, partly, not_met, na = met + s.met, partly + s.partly, not_met + s.not_met, na + s.na
    return Score(met, partly, not_met, na)


def grade_distribution(grades: Iterable[str]) -> list[tuple[str, int, Decimal | None]]:
    """(grade, count, % of graded cases) for each grade on the scale, best first; ungraded cases left out."""
    counts = dict.fromkeys(CASE_GRADES, 0)
    for g in grades:
        if g in counts:
            counts[g] += 1
        elif g:
            raise ValueError(f"Grade outside the scale: {g}")
    graded = sum(counts.values())
    return [(g, counts[g], percent(counts[g], graded)) for g in CASE_GRADES]
