"""Statistical process control, NHS "Making Data Count" style (FRAMEWORK.md section 3). Pure.

XmR chart: mean of the points; moving ranges |x[i] - x[i-1]|; limits mean ± 2.66 × mean moving
range. Special-cause rules, each marking every point that takes part:

- ``outside_limits``: a point above the upper or below the lower limit;
- ``shift``: a run of 7 or more consecutive points on the same side of the mean (a point exactly
  on the mean ends the run);
- ``trend``: 7 or more consecutive points each strictly higher (or each strictly lower) than the
  one before, i.e. 6 consecutive rises or falls; an equal value ends the trend. We chose 7 points
  (not NHSRplotthedots' default of 6) because the framework says "a trend of 7 points";
- ``two_of_three``: within 3 consecutive points, 2 or 3 lie beyond two-thirds of the way from the
  mean to a limit, all of those on the same side (the third point may be anywhere).

Variation icon, from the latest point: special cause high or low, read as improvement or
concern by the indicator's polarity (neither: just high or low); otherwise common cause. When
several rules fire on the latest point the first of outside_limits, two_of_three, shift, trend
decides the side. Assurance icon: a target strictly outside the limits gives consistently
passing or consistently failing (by polarity); a target on or within the limits, hit and miss;
no target or polarity neither, no assurance icon. Fewer than 12 points: a warning instead of
icons and signals (limits are still given for the chart).

Process changes: `breaks` are the indices where a new process starts (a marked change such as a
new recording system). Limits and rules are then worked out afresh for each stretch between
changes; the icons come from the latest stretch alone, and it needs its own 12 points.

Colours (Making Data Count): special cause improvement blue, special cause concern orange,
common cause grey; a special cause on an indicator with no preferred direction is purple.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from scorecard.labelled import Labelled

SIGMA_FACTOR = 2.66
MIN_POINTS = 12
RUN_LENGTH = 7
TREND_LENGTH = 7
RULE_ORDER = ("outside_limits", "two_of_three", "shift", "trend")
RULE_LABELS = {
    "outside_limits": "Point outside the limits",
    "two_of_three": "2 of 3 points near a limit",
    "shift": "Run of 7 on one side of the mean",
    "trend": "Trend of 7 rising or falling",
}
FEW_POINTS_WARNING = "Fewer than 12 points: too few to judge special causes or assurance."


class Variation(Labelled):
    COMMON_CAUSE = "common_cause", "Common cause variation"
    IMPROVEMENT_HIGH = "improvement_high", "Special cause: improvement (high)"
    IMPROVEMENT_LOW = "improvement_low", "Special cause: improvement (low)"
    CONCERN_HIGH = "concern_high", "Special cause: concern (high)"
    CONCERN_LOW = "concern_low", "Special cause: concern (low)"
    NEITHER_HIGH = "neither_high", "Special cause: high"
    NEITHER_LOW = "neither_low", "Special cause: low"

    @property
    def short(self) -> str:
        if self is Variation.COMMON_CAUSE:
            return "Common cause"
        return self.value.split("_")[0].capitalize() if not self.value.startswith("neither") else "Special cause"

    @property
    def kind(self) -> str:
        """ "common_cause", "improvement", "concern" or "neither" (a key of COLOURS)."""
        return "common_cause" if self is Variation.COMMON_CAUSE else self.value.split("_")[0]

    @property
    def side(self) -> str:
        return "" if self is Variation.COMMON_CAUSE else self.value.split("_")[-1]

    @property
    def is_special(self) -> bool:
        return self is not Variation.COMMON_CAUSE


#: Making Data Count's palette (as NHSRplotthedots draws it).
COLOURS = {
    "common_cause": "#7b7d7d",
    "improvement": "#289de0",
    "concern": "#fab428",
    "neither": "#361475",
}


def point_kind(side: str, polarity: str) -> str:
    """How a point reads: "common_cause" (no rule fired), else improvement / concern by the
    indicator's polarity, or "neither" when it has no preferred direction."""
    if side not in ("high", "low"):
        return "common_cause"
    good = {"higher": "high", "lower": "low"}.get(polarity)
    if good is None:
        return "neither"
    return "improvement" if side == good else "concern"


def point_colour(side: str, polarity: str) -> str:
    """The colour a point is drawn in (see COLOURS)."""
    return COLOURS[point_kind(side, polarity)]


class Assurance(Labelled):
    PASS = "pass", "Consistently passing"  # noqa: S105 (an assurance verdict, not a secret)
    FAIL = "fail", "Consistently failing"
    HIT_AND_MISS = "hit_and_miss", "Hit and miss"


@dataclass(frozen=True)
class SpcPoint:
    value: float
    rules: tuple[str, ...] = ()
    side: str = ""  # "high" or "low" when a rule fired

    @property
    def signal(self) -> str:
        """The first rule that fired (RULE_ORDER), or "" when none did."""
        return self.rules[0] if self.rules else ""


@dataclass(frozen=True)
class Segment:
    """One stretch between process changes: points [start, end) and its own mean and limits."""

    start: int
    end: int
    mean: float | None
    lower: float | None
    upper: float | None


@dataclass(frozen=True)
class SpcResult:
    points: list[SpcPoint] = field(default_factory=list)
    mean: float | None = None
    lower: float | None = None
    upper: float | None = None
    near_lower: float | None = None
    near_upper: float | None = None
    variation: Variation | None = None
    assurance: Assurance | None = None
    warning: str = ""
    segments: tuple[Segment, ...] = ()

    @property
    def latest_signal(self) -> str:
        return self.points[-1].signal if self.points else ""


def xmr_limits(values: Sequence[float]) -> tuple[float, float, float]:
    """(mean, lower, upper) with limits mean ± 2.66 × mean moving range; needs 2 or more points."""
    mean = sum(values) / len(values)
    ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    spread = SIGMA_FACTOR * (sum(ranges) / len(ranges))
    return mean, mean - spread, mean + spread


def _side(value: float, mean: float) -> int:
    return (value > mean) - (value < mean)


def outside_limits(values: Sequence[float], lower: float, upper: float) -> list[int]:
    """+1 above the upper limit, -1 below the lower limit, 0 otherwise (per point)."""
    return [1 if v > upper else -1 if v < lower else 0 for v in values]


def shifts(values: Sequence[float], mean: float, length: int = RUN_LENGTH) -> list[int]:
    """±1 for every point in a run of `length`+ consecutive points on one side of the mean."""
    marks = [0] * len(values)
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or _side(values[i], mean) != _side(values[start], mean):
            side = _side(values[start], mean)
            if side and i - start >= length:
                marks[start:i] = [side] * (i - start)
            start = i
    return marks


def trends(values: Sequence[float], length: int = TREND_LENGTH) -> list[int]:
    """±1 for every point in `length`+ consecutive strictly rising (+1) or falling (-1) points."""
    marks = [0] * len(values)
    steps = [_side(b, a) for a, b in zip(values, values[1:], strict=False)]
    start = 0  # index into steps
    for i in range(1, len(steps) + 1):
        if i == len(steps) or steps[i] != steps[start]:
            direction = steps[start] if steps else 0
            if direction and (i - start) + 1 >= length:
                marks[start : i + 1] = [direction] * (i - start + 1)
            start = i
    return marks


def two_of_three(values: Sequence[float], mean: float, lower: float, upper: float) -> list[int]:
    """±1 for points beyond two-thirds of the way to a limit when 2 of 3 consecutive points are,
    on the same side."""
    near_upper = mean + (upper - mean) * 2 / 3
    near_lower = mean - (mean - lower) * 2 / 3
    beyond = [1 if v > near_upper else -1 if v < near_lower else 0 for v in values]
    marks = [0] * len(values)
    for i in range(len(values) - 2):
        window = beyond[i : i + 3]
        for side in (1, -1):
            if window.count(side) >= 2:
                for j in range(i, i + 3):
                    if beyond[j] == side:
                        marks[j] = side
    return marks


def _variation(point: SpcPoint, polarity: str) -> Variation:
    if not point.rules:
        return Variation.COMMON_CAUSE
    if polarity == "higher":
        return Variation.IMPROVEMENT_HIGH if point.side == "high" else Variation.CONCERN_LOW
    if polarity == "lower":
        return Variation.CONCERN_HIGH if point.side == "high" else Variation.IMPROVEMENT_LOW
    return Variation.NEITHER_HIGH if point.side == "high" else Variation.NEITHER_LOW


def assurance(target: float | None, lower: float, upper: float, polarity: str) -> Assurance | None:
    """Pass / fail when the target lies strictly outside the limits, else hit and miss."""
    if target is None or polarity not in ("higher", "lower"):
        return None
    if target < lower:
        return Assurance.PASS if polarity == "higher" else Assurance.FAIL
    if target > upper:
        return Assurance.FAIL if polarity == "higher" else Assurance.PASS
    return Assurance.HIT_AND_MISS


def _latest_rules(xs: list[float], mean: float, lower: float, upper: float) -> SpcPoint:
    """The rules that mark the latest point, read from the end of the series only.

    Same answer as marking the whole series and taking its last point: a run, trend or 2-of-3
    window that includes the last point must end there.
    """
    last = xs[-1]
    fired: dict[str, int] = {}
    if last > upper or last < lower:
        fired["outside_limits"] = 1 if last > upper else -1
    if len(xs) >= 3:
        near_upper = mean + (upper - mean) * 2 / 3
        near_lower = mean - (mean - lower) * 2 / 3
        window = [1 if v > near_upper else -1 if v < near_lower else 0 for v in xs[-3:]]
        side = window[-1]
        if side and window.count(side) >= 2:
            fired["two_of_three"] = side
    side = _side(last, mean)
    if side:
        run = 0
        for v in reversed(xs):
            if _side(v, mean) != side:
                break
            run += 1
        if run >= RUN_LENGTH:
            fired["shift"] = side
    if len(xs) >= 2:
        direction = _side(xs[-1], xs[-2])
        if direction:
            steps = 0
            for a, b in zip(reversed(xs[:-1]), reversed(xs[1:]), strict=True):
                if _side(b, a) != direction:
                    break
                steps += 1
            if steps + 1 >= TREND_LENGTH:
                fired["trend"] = direction
    rules = tuple(rule for rule in RULE_ORDER if rule in fired)
    return SpcPoint(last, rules, ("high" if fired[rules[0]] > 0 else "low") if rules else "")


def analyse(
    values: Sequence,
    *,
    polarity: str,
    target=None,
    min_points: int = MIN_POINTS,
    latest_only: bool = False,
    breaks: Sequence[int] = (),
) -> SpcResult:
    """The SPC picture of a series (oldest first; missing values are skipped).

    `latest_only`: judge only the latest point (the dashboard); `points` then holds just it.
    `breaks`: indices (into the values that are not missing) where a new process starts; limits
    and rules are worked out for each stretch separately and the verdict from the last one.
    """
    xs = [float(v) for v in values if v is not None]
    cuts = sorted({b for b in breaks if 0 < b < len(xs)})
    if cuts:
        bounds = [0, *cuts, len(xs)]
        if latest_only:
            last = _analyse_one(xs[bounds[-2] :], polarity, target, min_points, True)
            return _with_segments(last, [(bounds[-2], len(xs), last)])
        parts = [
            (a, b, _analyse_one(xs[a:b], polarity, target, min_points, False))
            for a, b in zip(bounds, bounds[1:], strict=False)
        ]
        last = parts[-1][2]
        points = [p for _, _, part in parts for p in part.points]
        return _with_segments(SpcResult(**{**last.__dict__, "points": points}), parts)
    result = _analyse_one(xs, polarity, target, min_points, latest_only)
    return _with_segments(result, [(0, len(xs), result)])


def _with_segments(result: SpcResult, parts) -> SpcResult:
    segments = tuple(Segment(a, b, r.mean, r.lower, r.upper) for a, b, r in parts)
    return SpcResult(**{**result.__dict__, "segments": segments})


def _analyse_one(xs: list[float], polarity: str, target, min_points: int, latest_only: bool) -> SpcResult:
    if len(xs) < 2:
        return SpcResult(points=[SpcPoint(v) for v in xs], warning=FEW_POINTS_WARNING)
    mean, lower, upper = xmr_limits(xs)
    near = dict(near_lower=mean - (mean - lower) * 2 / 3, near_upper=mean + (upper - mean) * 2 / 3)
    if len(xs) < min_points:
        shown = xs[-1:] if latest_only else xs
        return SpcResult(
            points=[SpcPoint(v) for v in shown], mean=mean, lower=lower, upper=upper, warning=FEW_POINTS_WARNING, **near
        )
    target_f = None if target is None else float(target)
    if latest_only:
        latest = _latest_rules(xs, mean, lower, upper)
        return SpcResult(
            points=[latest],
            mean=mean,
            lower=lower,
            upper=upper,
            variation=_variation(latest, polarity),
            assurance=assurance(target_f, lower, upper, polarity),
            **near,
        )
    marks = {
        "outside_limits": outside_limits(xs, lower, upper),
        "two_of_three": two_of_three(xs, mean, lower, upper),
        "shift": shifts(xs, mean),
        "trend": trends(xs),
    }
    points = []
    for i, v in enumerate(xs):
        fired = tuple(rule for rule in RULE_ORDER if marks[rule][i])
        side = ("high" if marks[fired[0]][i] > 0 else "low") if fired else ""
        points.append(SpcPoint(v, fired, side))
    return SpcResult(
        points=points,
        mean=mean,
        lower=lower,
        upper=upper,
        variation=_variation(points[-1], polarity),
        assurance=assurance(target_f, lower, upper, polarity),
        **near,
    )
