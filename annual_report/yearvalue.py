"""A scorecard indicator's figure for a whole year, from its monthly or quarterly figures.
Pure, no Django: the report and its tests compute it the same way.

- A figure stored for the whole year is used as it is.
- Where every figure has a numerator and denominator: the year's numerator and denominator are
  their sums (a rate per 10,000 keeps the latest denominator, the child population) and the value
  is recomputed from them, so a quiet month weighs less than a busy one.
- Counts of things that happen (referrals, enquiries started) are added up; counts taken on a
  day ("at month end", "at 31 March") and rates take the year's last figure.
- Other percentages, days and scores are the mean of the figures, said so in the method.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bscp_portal.lib.rounding import round_half_up

SNAPSHOT_WORDS = ("at month end", "at 31 march", "on the last day", "at the end of", "open at")


@dataclass(frozen=True)
class YearValue:
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    periods: int = 0
    method: str = ""


def is_snapshot(name: str, definition: str) -> bool:
    text = f"{name} {definition}".lower()
    return any(w in text for w in SNAPSHOT_WORDS)


def year_value(
    *,
    unit: str,
    points: list[tuple],
    decimals: int = 1,
    snapshot: bool = False,
    year_start: date | None = None,
    year_end: date | None = None,
) -> YearValue:
    """The year's figure from `points` = [(period_start, period_end, value, numerator, denominator)]."""
    if year_start and year_end:
        whole = [p for p in points if p[0] <= year_start and p[1] >= year_end and p[2] is not None]
        if whole:
            p = whole[-1]
            return YearValue(p[2], p[3], p[4], 1, "figure for the whole year")
    pts = [p for p in points if p[2] is not None or (p[3] is not None and p[4])]
    if not pts:
        return YearValue(None)
    n = len(pts)
    if unit in ("percentage", "rate_per_10000") and all(p[3] is not None and p[4] for p in pts):
        num = sum(Decimal(p[3]) for p in pts)
        den = Decimal(pts[-1][4]) if unit == "rate_per_10000" else sum(Decimal(p[4]) for p in pts)
        scale = Decimal(100) if unit == "percentage" else Decimal(10000)
        value = round_half_up(num / den * scale, decimals) if den else None
        return YearValue(value, num, den, n, "from the year's numerator and denominator")
    values = [Decimal(p[2]) for p in pts if p[2] is not None]
    if not values:
        return YearValue(None)
    if unit == "count" and not snapshot:
        return YearValue(sum(values), None, None, n, "total of the year's figures")
    if unit in ("count", "rate_per_10000"):
        return YearValue(values[-1], pts[-1][3], pts[-1][4], n, "latest figure in the year")
    return YearValue(round_half_up(sum(values) / len(values), decimals), None, None, n, "mean of the year's figures")


def direction(current, previous, polarity: str) -> str:
    """Plain words for the change from last year: Better / Worse where a direction is good, else Up / Down."""
    if current is None or previous is None:
        return "No figure last year" if previous is None and current is not None else ""
    current, previous = Decimal(str(current)), Decimal(str(previous))
    if current == previous:
        return "No change"
    up = current > previous
    if polarity == "higher":
        return "Better" if up else "Worse"
    if polarity == "lower":
        return "Worse" if up else "Better"
    return "Up" if up else "Down"
