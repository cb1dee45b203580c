"""Checks on one measurement value and direction of travel. Pure: no Django imports."""

from datetime import date
from decimal import Decimal

from bscp_portal.lib.rounding import round_half_up
from scorecard.labelled import Labelled
from scorecard.rag import Polarity, to_decimal

#: What numerator / denominator is multiplied by to give the value, per unit.
UNIT_SCALE = {"percentage": Decimal(100), "rate_per_10000": Decimal(10000)}
NON_NEGATIVE_UNITS = {"count", "percentage", "rate_per_10000", "days"}


def value_problems(
    *, unit: str, decimals: int, value: Decimal | None, numerator: Decimal | None, denominator: Decimal | None
) -> list[str]:
    """Reasons a value cannot be stored, empty when it is fine.

    - A percentage is between 0 and 100; counts, rates, days and percentages are not negative.
    - When numerator and denominator are both given, the value must agree with
      numerator / denominator (× 100 for a percentage, × 10,000 for a rate) to the indicator's
      stated precision: within half a unit of its last decimal place.
    """
    problems = []
    if value is not None:
        if unit in NON_NEGATIVE_UNITS and value < 0:
            problems.append(f"a {unit.replace('_', ' ')} cannot be negative ({value})")
        if unit == "percentage" and value > 100:
            problems.append(f"a percentage cannot be over 100 ({value})")
    for name, part in (("numerator", numerator), ("denominator", denominator)):
        if part is not None and part < 0:
            problems.append(f"the {name} cannot be negative ({part})")
    if numerator is not None and denominator is not None and value is not None and not problems:
        if denominator == 0:
            problems.append("the denominator is 0, so the value cannot agree with it")
        else:
            expected = numerator / denominator * UNIT_SCALE.get(unit, Decimal(1))
            tolerance = Decimal("0.5").scaleb(-decimals)
            if abs(expected - value) > tolerance:
                problems.append(
                    f"value {value} does not agree with {numerator} / {denominator} "
                    f"= {round_half_up(expected, decimals)} to {decimals} decimal place(s)"
                )
    return problems


class Direction(Labelled):
    IMPROVING = "improving", "Improving"
    WORSENING = "worsening", "Worsening"
    SAME = "same", "No change"
    UP = "up", "Up"
    DOWN = "down", "Down"
    NO_COMPARISON = "no_comparison", "No comparison"

    @property
    def arrow(self) -> str:
        return {"improving": "▲", "worsening": "▼", "same": "▶", "up": "▲", "down": "▼"}.get(self.value, "–")


def direction_of_travel(current, previous, polarity) -> Direction:
    """Improving / worsening by the indicator's polarity; up / down when polarity is "neither".

    Compared at the values as stored; equal values are "same"; a missing value on either side
    is "no comparison".
    """
    current, previous = to_decimal(current), to_decimal(previous)
    if current is None or previous is None:
        return Direction.NO_COMPARISON
    if current == previous:
        return Direction.SAME
    rose = current > previous
    if polarity == Polarity.HIGHER:
        return Direction.IMPROVING if rose else Direction.WORSENING
    if polarity == Polarity.LOWER:
        return Direction.WORSENING if rose else Direction.IMPROVING
    return Direction.UP if rose else Direction.DOWN


def same_period_last_year(period_start: date, period_end: date) -> tuple[date, date]:
    """The same period a year earlier (29 February falls back to the 28th)."""

    def back(d: date) -> date:
        try:
            return d.replace(year=d.year - 1)
        except ValueError:
            return d.replace(year=d.year - 1, day=28)

    return back(period_start), back(period_end)


def period_kind(period_start: date, period_end: date) -> str:
    """ "monthly", "quarterly" or "annual" by the period's length, else "other".

    A local series may hold figures for several lengths (the conference indicators are
    computed for calendar months and for financial years); the indicator's frequency decides
    which of them make its run chart.
    """
    days = (period_end - period_start).days + 1
    if 28 <= days <= 31:
        return "monthly"
    if 89 <= days <= 92:
        return "quarterly"
    if 365 <= days <= 366:
        return "annual"
    return "other"
