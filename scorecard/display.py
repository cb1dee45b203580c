"""The scorecard table's cells, formatted once in Python: a 300-row table rendered through a
dozen template tags per row costs more than everything else on the page."""

from django.utils.html import format_html

from partnership.templatetags.portal import question_marker
from scorecard.templatetags.scorecard_tags import (
    assurance_badge,
    direction_text,
    figure,
    point,
    rag_badge,
    variation_badge,
)


def latest_ref(row) -> str:
    """The figure reference of a row's latest local value ("<code>:<period start>"), or ""."""
    latest = row.status.latest
    return f"{row.indicator.code}:{latest.point.period_start.isoformat()}" if latest else ""


def table_cells(row, questions: dict | None = None) -> dict:
    """Display strings (safe HTML where marked) for one scorecard row; `questions` holds the
    markers of PAQA's questions by figure reference (partnership.registry)."""
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
        latest=format_html(
            "{}{}",
            figure(latest.point.value, indicator, latest.point.symbol),
            question_marker(questions, latest_ref(row), what=f"{indicator.name}, {start:%B %Y}"),
        ),
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
