"""DfE publication conventions for tables: percentages to 1 decimal place, "c" suppressed,
":" not available, "z" not applicable. Pure, no Django."""

from decimal import ROUND_HALF_UP, Decimal

SUPPRESSED = "c"
NOT_AVAILABLE = ":"
NOT_APPLICABLE = "z"


def dfe_pct(value) -> str:
    """A percentage to one decimal place (half up, as the DfE rounds); symbols pass through."""
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, str):
        return value
    return f"{Decimal(str(value)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"


def dfe_count(value) -> str:
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, str):
        return value
    return f"{int(value):,}"
