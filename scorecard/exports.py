"""The scorecard as CSV or XLSX: one row per indicator, period and series (docs/formats.md)."""

from collections import defaultdict
from datetime import date

from bscp_portal.lib.exports import field_title, positional, respond
from bscp_portal.lib.rounding import round_half_up
from partnership.security import log_event
from scorecard.models import Indicator, Measurement, Series, Unit, origin_label
from scorecard.rag import Rag
from scorecard.rules import direction_of_travel
from scorecard.selectors import _targets_by_indicator
from scorecard.spc import RULE_LABELS
from scorecard.status import Point, assess

#: In words; each title reads as its import column once trimmed, lower-cased and joined by "_"
#: ("Indicator code" is `indicator_code`), so an export can be edited and imported again.
TITLES = [
    "Indicator code",
    "Indicator name",
    field_title(Measurement, "period_start"),
    field_title(Measurement, "period_end"),
    field_title(Measurement, "series"),
    field_title(Measurement, "value"),
    "Target",
    "Achievement %",
    "RAG",
    "Direction",
    "SPC signal",
    field_title(Measurement, "symbol"),
    field_title(Measurement, "numerator"),
    field_title(Measurement, "denominator"),
    field_title(Indicator, "unit"),
    field_title(Measurement, "note"),
    field_title(Measurement, "origin"),
]
COLUMNS = positional(TITLES)


def _number(value):
    """A stored Decimal without its trailing zeros (70.0000 reads 70), kept a number."""
    return None if value is None else value.normalize()


def rows(*, indicators: list[Indicator], measurements, as_of: date | None = None):
    """Lists in TITLES order, indicator by indicator (2 queries: targets, measurements streamed).

    Local rows carry target, achievement, RAG and SPC signal judged as on the dashboard; every
    series gets its direction of travel against its own previous period; comparator rows are
    "Not rated" with no target. Choices read as their labels ("Statistical neighbours", "Green").
    """
    by_id = {i.pk: i for i in indicators}
    targets = _targets_by_indicator(list(by_id))
    current_id, bucket = None, []

    def flush(indicator_id, found):
        indicator = by_id[indicator_id]
        per_series = defaultdict(list)
        for m in found:
            per_series[m[1]].append(m)
        for series in [s for s in Series.values if s in per_series]:
            items = per_series[series]
            series_label, unit_label = Series(series).label, Unit(indicator.unit).label
            judged = {}
            if series == Series.LOCAL:
                status = assess(
                    [Point(m[2], m[3], m[4], m[5]) for m in items],
                    targets[indicator_id],
                    indicator.polarity,
                    indicator.frequency,
                )
                judged = {(ps.point.period_start, ps.point.period_end): ps for ps in [*status.history, *status.other]}
            previous = None
            for m in items:
                _, _, start, end, value, symbol, numerator, denominator, note, origin = m
                ps = judged.get((start, end))
                direction = ps.direction if ps else direction_of_travel(value, previous, indicator.polarity)
                previous = value
                yield [
                    indicator.code,
                    indicator.name,
                    start,
                    end,
                    series_label,
                    _number(value),
                    _number(ps.target) if ps else None,
                    _number(round_half_up(ps.achievement, 1)) if ps and ps.achievement is not None else None,
                    ps.rag.label if ps else Rag.NOT_RATED.label,
                    direction.label,
                    RULE_LABELS.get(ps.signal, ps.signal) if ps and ps.signal else "",
                    symbol,
                    _number(numerator),
                    _number(denominator),
                    unit_label,
                    note,
                    origin_label(origin),
                ]

    values = (
        _selected(measurements, by_id, as_of)
        .order_by("indicator_id", "series", "period_start")
        .values_list(
            "indicator_id",
            "series",
            "period_start",
            "period_end",
            "value",
            "symbol",
            "numerator",
            "denominator",
            "note",
            "origin",
        )
    )
    for m in values.iterator(chunk_size=5000):
        if m[0] != current_id:
            if bucket:
                yield from flush(current_id, bucket)
            current_id, bucket = m[0], []
        bucket.append(m)
    if bucket:
        yield from flush(current_id, bucket)


def _selected(measurements, indicator_ids, as_of: date | None):
    """The measurements of these indicators, up to `as_of`: one row of the export each."""
    query = measurements.filter(indicator_id__in=list(indicator_ids))
    return query.filter(period_end__lte=as_of) if as_of else query


def export_response(request, *, indicators, as_of: date | None, fmt: str):
    """CSV or XLSX of the selection, streamed, or over EXPORT_BACKGROUND_ROWS rows a job built in
    the background; each export is logged."""
    indicators = list(indicators)
    measurements = Measurement.objects.for_user(request.user)
    response = respond(
        fmt=fmt,
        filename=f"scorecard-{date.today():%Y%m%d}",
        columns=COLUMNS,
        rows=rows(indicators=indicators, measurements=measurements, as_of=as_of),
        sheet="scorecard",
        request=request,
        count=_selected(measurements, [i.pk for i in indicators], as_of).count(),
    )
    log_event(request, "export", detail=f"scorecard {fmt} {request.GET.urlencode()}"[:500])
    return response
