"""Writes for the scorecard: keyword-only, atomic; other strands call these, never the models."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scorecard.models import Indicator, Measurement, Series
from scorecard.rag import to_decimal
from scorecard.rules import value_problems


def _as_date(value, name: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError(f"{name} {value!r} is not a date.") from exc


def _checked_row(indicator: Indicator, row: dict, position: int) -> dict:
    start = _as_date(row.get("period_start"), "period_start")
    end = _as_date(row.get("period_end"), "period_end")
    where = f"{indicator.code} row {position} ({start} to {end})"
    if end < start:
        raise ValidationError(f"{where}: the period ends before it starts.")
    series = row.get("series") or Series.LOCAL
    if series not in Series.values:
        raise ValidationError(f"{where}: unknown series {series!r}.")
    value = to_decimal(row.get("value"))
    numerator = to_decimal(row.get("numerator"))
    denominator = to_decimal(row.get("denominator"))
    problems = value_problems(
        unit=indicator.unit, decimals=indicator.decimals, value=value, numerator=numerator, denominator=denominator
    )
    if problems:
        raise ValidationError(f"{where}: {'; '.join(problems)}.")
    return {
        "period_start": start,
        "period_end": end,
        "series": series,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "note": (row.get("note") or "")[:500],
    }


@transaction.atomic
def measurements_replace_computed(*, indicator_code: str, origin: str, rows: list[dict], by=None) -> dict:
    """Store figures another strand computed from its own records (e.g. origin "computed:conferences").

    Each row: period_start, period_end, value, and optionally numerator, denominator, series
    ("local" by default) and note. Each period is upserted on indicator + period + series:
    an existing measurement for that period is replaced (whatever its origin), never duplicated.
    Periods not in `rows` are left alone. All rows are checked first; one bad row refuses them all.
    Returns {"created": n, "updated": n, "unchanged": n}.
    """
    if not origin.startswith(Measurement.Origin.COMPUTED_PREFIX) or origin == Measurement.Origin.COMPUTED_PREFIX:
        raise ValidationError('origin must read "computed:<strand>", e.g. "computed:conferences".')
    indicator = Indicator.objects.filter(code=indicator_code).first()
    if indicator is None:
        raise ValidationError(f"Unknown indicator code {indicator_code!r}.")
    checked = [_checked_row(indicator, row, i) for i, row in enumerate(rows, start=1)]
    keys = [(r["period_start"], r["period_end"], r["series"]) for r in checked]
    if len(set(keys)) != len(keys):
        raise ValidationError(f"{indicator_code}: the same period and series appears twice.")
    existing = {
        (m.period_start, m.period_end, m.series): m
        for m in Measurement.objects.filter(indicator=indicator, period_start__in={k[0] for k in keys})
    }
    now = timezone.now()
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for key, row in zip(keys, checked, strict=True):
        current = existing.get(key)
        if current is None:
            Measurement.objects.create(
                indicator=indicator, origin=origin, entered_by=by, entered_at=now, symbol="", **row
            )
            counts["created"] += 1
            continue
        fields = {**row, "origin": origin, "symbol": ""}
        if all(getattr(current, name) == val for name, val in fields.items()):
            counts["unchanged"] += 1
            continue
        for name, val in fields.items():
            setattr(current, name, val)
        current.entered_by, current.entered_at = by, now
        current.version += 1
        current._change_reason = f"recomputed ({origin})"
        current.save()
        counts["updated"] += 1
    return counts
