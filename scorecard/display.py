"""The scorecard table's cells, formatted once in Python: a 300-row table rendered through a
dozen template tags per row costs more than everything else on the page."""

from django.utils.html import format_html

from scorecard.templatetags.scorecard_tags import (
    assurance_badge,
    direction_text,
    figure,
    point,
    rag_badge,
    variation_badge,
)


def table_cells(row) -> dict:
    """Display strings (safe HTML where marked) for one scorecard row."""
    indicator, latest = row.indicator, row.status.latest
    cells = {
        "england": point(row.comparators.get("england"), indicator),
        "stat_neighbours": point(row.comparators.get("stat_neighbours"), indicator),
    }
    if latest is None:
        return cells
    start, end = latest.point.period_start, latest.point.period_end
    same_month = (start.year, start.month) == (end.year, end.month)
    cells.update(
        period=f"{start:%b %Y}" if same_month else f"{start:%b %Y} to {end:%b %Y}",
        latest=figure(latest.point.value, indicator, latest.point.symbol),
        target=figure(latest.target, indicator)
        if latest.target is not None
        else format_html('<span class="text-body-secondary">{}</span>', "none"),
        rag=rag_badge(latest.rag),
        previous=direction_text(latest.direction),
        last_year=direction_text(row.status.last_year),
        spc=format_html("{}<br>{}", variation_badge(row.status.spc), assurance_badge(row.status.spc))
        if row.status.spc.assurance
        else variation_badge(row.status.spc),
    )
    return cells
