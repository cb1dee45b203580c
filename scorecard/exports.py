"""The scorecard as CSV or XLSX: one row per indicator, period and series (docs/formats.md)."""

import csv
from collections import defaultdict
from datetime import date

from django.http import Http404, HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

from bscp_portal.lib.spreadsheet import safe_cell
from partnership.security import log_event
from scorecard.models import Indicator, Measurement, Series
from scorecard.rules import direction_of_travel, quantize
from scorecard.selectors import _targets_by_indicator
from scorecard.status import Point, assess
from scorecard.tables import as_text

COLUMNS = [
    "indicator_code",
    "indicator_name",
    "period_start",
    "period_end",
    "series",
    "value",
    "target",
    "achievement_pct",
    "rag",
    "direction",
    "spc_signal",
    "symbol",
    "numerator",
    "denominator",
    "unit",
    "note",
    "origin",
]


safe = safe_cell


class _Echo:
    def write(self, value):
        return value


def rows(*, indicators: list[Indicator], measurements, as_of: date | None = None):
    """Lists in COLUMNS order, indicator by indicator (2 queries: targets, measurements streamed).

    Local rows carry target, achievement, RAG and SPC signal judged as on the dashboard; every
    series gets its direction of travel against its own previous period; comparator rows are
    "NOT_RATED" with no target.
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
                    safe(indicator.name),
                    start.isoformat(),
                    end.isoformat(),
                    series,
                    as_text(value),
                    as_text(ps.target) if ps else "",
                    as_text(quantize(ps.achievement, 1)) if ps and ps.achievement is not None else "",
                    ps.rag.value if ps else "NOT_RATED",
                    direction.value,
                    ps.signal if ps else "",
                    symbol,
                    as_text(numerator),
                    as_text(denominator),
                    indicator.unit,
                    safe(note),
                    origin,
                ]

    query = measurements.filter(indicator_id__in=list(by_id))
    if as_of:
        query = query.filter(period_end__lte=as_of)
    values = query.order_by("indicator_id", "series", "period_start").values_list(
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
    for m in values.iterator(chunk_size=5000):
        if m[0] != current_id:
            if bucket:
                yield from flush(current_id, bucket)
            current_id, bucket = m[0], []
        bucket.append(m)
    if bucket:
        yield from flush(current_id, bucket)


def export_response(request, *, indicators, as_of: date | None, fmt: str):
    """CSV (streamed) or XLSX of the selection; each export is logged."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown export format")
    indicators = list(indicators)
    measurements = Measurement.objects.for_user(request.user)
    lines = rows(indicators=indicators, measurements=measurements, as_of=as_of)
    log_event(request, "export", detail=f"scorecard {fmt} {request.GET.urlencode()}"[:500])
    name = f"scorecard-{date.today():%Y%m%d}.{fmt}"
    if fmt == "csv":
        writer = csv.writer(_Echo())
        stream = (writer.writerow(line) for line in _with_header(lines))
        response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("scorecard")
        for line in _with_header(lines):
            sheet.append(line)
        response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        book.save(response)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _with_header(lines):
    yield COLUMNS
    yield from lines
