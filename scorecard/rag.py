"""RAG rating against target (DESIGN.md, "RAG against target"). Pure: no Django imports.

Achievement is value / target where higher is better and target / value where lower is better.
GREEN at least RAG_GREEN_PCT % of target (95 by default), AMBER at least RAG_AMBER_PCT % (90),
RED below. No target, no value or polarity "neither": NOT_RATED, never a guess. Computed with
Decimal so that exactly 95% is GREEN and 89.99% is RED.
"""

from decimal import Decimal, InvalidOperation
from enum import StrEnum

from scorecard.labelled import Labelled

DEFAULT_GREEN_PCT = Decimal("95")
DEFAULT_AMBER_PCT = Decimal("90")
HUNDRED = Decimal("100")


class Rag(Labelled):
    GREEN = "GREEN", "Green"
    AMBER = "AMBER", "Amber"
    RED = "RED", "Red"
    NOT_RATED = "NOT_RATED", "Not rated"


class Polarity(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    NEITHER = "neither"


def to_decimal(value) -> Decimal | None:
    """Decimal from int, str, float or Decimal (floats through their shortest repr); None if blank."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _thresholds() -> tuple[Decimal, Decimal]:
    """The thresholds from settings when Django is configured, else the framework's 95 / 90."""
    try:
        from django.conf import settings  # lazy: the rule itself stays framework-free

        return (
            Decimal(str(getattr(settings, "RAG_GREEN_PCT", DEFAULT_GREEN_PCT))),
            Decimal(str(getattr(settings, "RAG_AMBER_PCT", DEFAULT_AMBER_PCT))),
        )
    except Exception:  # Django not installed or not configured
        return DEFAULT_GREEN_PCT, DEFAULT_AMBER_PCT


def achievement_pct(value, target, polarity) -> Decimal | None:
    """Achievement as a percentage of target, or None when it cannot be rated.

    Higher is better: value / target × 100. Lower is better: target / value × 100, and a value
    of 0 achieves any target (it cannot be bettered), returned as None with GREEN by `rag_rating`.
    A target of 0 with higher is better is met by any value of 0 or more.
    """
    value, target = to_decimal(value), to_decimal(target)
    if value is None or target is None or polarity not in (Polarity.HIGHER, Polarity.LOWER):
        return None
    if polarity == Polarity.HIGHER:
        if target == 0:
            return None
        return value / target * HUNDRED
    if value == 0:
        return None
    return target / value * HUNDRED


def rag_rating(value, target, polarity, *, green_pct=None, amber_pct=None) -> Rag:
    """GREEN / AMBER / RED / NOT_RATED for one value against its target (DESIGN.md rule).

    Thresholds default to settings.RAG_GREEN_PCT and RAG_AMBER_PCT (95 and 90).
    """
    value, target = to_decimal(value), to_decimal(target)
    if value is None or target is None or polarity not in (Polarity.HIGHER, Polarity.LOWER):
        return Rag.NOT_RATED
    if green_pct is None or amber_pct is None:
        default_green, default_amber = _thresholds()
        green_pct = default_green if green_pct is None else to_decimal(green_pct)
        amber_pct = default_amber if amber_pct is None else to_decimal(amber_pct)
    if polarity == Polarity.LOWER and value == 0:
        return Rag.GREEN
    if polarity == Polarity.HIGHER and target == 0:
        return Rag.GREEN if value >= 0 else Rag.RED
    pct = achievement_pct(value, target, polarity)
    if pct >= green_pct:
        return Rag.GREEN
    if pct >= amber_pct:
        return Rag.AMBER
    return Rag.RED
