"""Where an indicator stands: latest value, target, RAG, direction of travel, SPC. Pure.

Assembled from plain values (no ORM) so that the dashboard, the indicator page, the export and
the annual summary all read the same judgement from one place.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from scorecard.rag import Rag, achievement_pct, rag_rating
from scorecard.rules import Direction, direction_of_travel, period_kind, same_period_last_year
from scorecard.spc import SpcResult, analyse


class Point(NamedTuple):
    """One stored figure (a tuple: the dashboard builds tens of thousands of them)."""

    period_start: date
    period_end: date
    value: Decimal | None
    symbol: str = ""


class Targets:
    """An indicator's targets by effective date: the one in force at a period's start applies."""

    def __init__(self, targets: list[tuple[date, Decimal]]):
        ordered = sorted(targets)
        self.dates = [d for d, _ in ordered]
        self.values = [v for _, v in ordered]

    def at(self, day: date) -> Decimal | None:
        i = bisect_right(self.dates, day)
        return self.values[i - 1] if i else None


@dataclass
class PointStatus:
    point: Point
    target: Decimal | None
    achievement: Decimal | None
    rag: Rag
    direction: Direction
    signal: str = ""
    side: str = ""  # "high" or "low" when an SPC rule marks this point


@dataclass
class Status:
    """An indicator's position at its latest point (None when it has no local data)."""

    latest: PointStatus | None = None
    previous: PointStatus | None = None
    last_year: Direction = Direction.NO_COMPARISON
    spc: SpcResult = field(default_factory=SpcResult)
    history: list[PointStatus] = field(default_factory=list)
    other: list[PointStatus] = field(default_factory=list)  # local figures of other lengths

    @property
    def rag(self) -> Rag:
        return self.latest.rag if self.latest else Rag.NOT_RATED

    @property
    def rag_changed(self) -> bool:
        return bool(self.latest and self.previous and self.latest.rag != self.previous.rag)

    @property
    def special_cause(self) -> bool:
        return bool(self.spc.variation and self.spc.variation.is_special)


def _rate(points: list[Point], targets: Targets, polarity: str, signals: dict) -> list[PointStatus]:
    rated, previous_value = [], None
    for p in points:
        target = targets.at(p.period_start)
        rated.append(
            PointStatus(
                point=p,
                target=target,
                achievement=achievement_pct(p.value, target, polarity),
                rag=rag_rating(p.value, target, polarity),
                direction=direction_of_travel(p.value, previous_value, polarity),
                signal=signals[p.period_start].signal if p.period_start in signals else "",
                side=signals[p.period_start].side if p.period_start in signals else "",
            )
        )
        previous_value = p.value
    return rated


def assess(
    points: list[Point],
    targets: Targets,
    polarity: str,
    frequency: str = "",
    full: bool = True,
    changes: Sequence[date] = (),
) -> Status:
    """Rate every point of a local series (oldest first) and read the SPC picture over it.

    Only figures whose length matches the indicator's `frequency` (when given) make the series;
    the others are rated in `other` with their own direction of travel but no SPC. Direction
    of travel: each point against the one before it; the latest also against the point that
    started a year earlier. SPC runs over the points that have a value; missing values (DfE
    symbols) are shown but not charted. The target in force on a period's first day applies.

    `full=False` (the dashboard) rates only the latest two points and judges SPC at the latest
    point only; the answers for those points are the same.

    `changes`: dates of marked process changes; SPC starts a new stretch at the first charted
    point whose period starts on or after each.
    """
    other: list[PointStatus] = []
    if frequency:
        others = [p for p in points if period_kind(p.period_start, p.period_end) != frequency]
        points = [p for p in points if period_kind(p.period_start, p.period_end) == frequency]
        other = _rate(others, targets, polarity, {}) if full else []
    if not points:
        return Status(other=other)
    by_start = {p.period_start: p for p in points}
    valued = [p for p in points if p.value is not None]
    breaks = [bisect_left([p.period_start for p in valued], day) for day in changes]
    result = analyse(
        [p.value for p in valued],
        polarity=polarity,
        target=targets.at(points[-1].period_start),
        latest_only=not full,
        breaks=breaks,
    )
    signals = {p.period_start: sp for p, sp in zip(reversed(valued), reversed(result.points), strict=False)}
    if full:
        history = _rate(points, targets, polarity, signals)
    else:
        # The previous point's direction needs the one before it.
        history = _rate(points[-3:], targets, polarity, signals)[-2:]
    latest = history[-1]
    last_year_start, _ = same_period_last_year(latest.point.period_start, latest.point.period_end)
    year_ago = by_start.get(last_year_start)
    return Status(
        latest=latest,
        previous=history[-2] if len(history) > 1 else None,
        last_year=direction_of_travel(latest.point.value, year_ago.value if year_ago else None, polarity),
        spc=result,
        history=history,
        other=other,
    )
