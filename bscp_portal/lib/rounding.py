"""Figures rounded as the DfE publishes them, in one place for every strand: half up (6.25% is
6.3%, never 6.2% as Python's round() gives), worked in exact decimals, and no figure made of
nothing (None where nothing was counted, never 0 or an error). Percentages are to 1 decimal
place and means to 2 unless a figure says otherwise."""

from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: Decimal | int, places: int = 1) -> Decimal:
    """`value` to `places` decimal places, half up."""
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(part: Decimal | int, whole: Decimal | int, places: int = 1) -> Decimal | None:
    """`part` of `whole` as a percentage to `places` decimal places; None when `whole` is 0."""
    if not whole:
        return None
    return round_half_up(Decimal(part) * 100 / Decimal(whole), places)


def mean_of(total: Decimal | int, count: int, places: int = 2) -> Decimal | None:
    """`total` shared over `count` answers, to `places` decimal places; None when nobody answered."""
    if not count:
        return None
    return round_half_up(Decimal(total) / count, places)


def percent_number(part: Decimal | int, whole: Decimal | int, places: int = 1) -> float | None:
    """`percent` as a plain number, for figures kept as JSON (a summary in a pack or a report)."""
    value = percent(part, whole, places)
    return None if value is None else float(value)
