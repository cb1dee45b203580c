"""DfE publication conventions for tables: percentages to 1 decimal place, "c" suppressed,
":" not available, "z" not applicable. Pure, no Django."""

from collections.abc import Callable
from decimal import Decimal

from bscp_portal.lib.rounding import round_half_up

SUPPRESSED = "c"
NOT_AVAILABLE = ":"
NOT_APPLICABLE = "z"


def _figure(value, written: Callable[[object], str]) -> str:
    """ ":" for a missing value, a symbol (already text) as it is, any other value as `written` writes it."""
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, str):
        return value
    return written(value)


def dfe_pct(value) -> str:
    """A percentage to one decimal place (half up, as the DfE rounds); symbols pass through."""
    return _figure(value, lambda v: f"{round_half_up(Decimal(str(v)))}")


def dfe_count(value) -> str:
    return _figure(value, lambda v: f"{int(v):,}")
