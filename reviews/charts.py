"""Plotly figures for the reviews dashboards (each shown with a table of the same figures)."""

from bscp_portal.lib.charts import Figure
from reviews.timescales import LABELS

LAYOUT = {
    "margin": {"l": 60, "r": 20, "t": 30, "b": 80},
    "height": 380,
    "legend": {"orientation": "h"},
    "bargap": 0.35,
}
#: Counts are whole numbers: no 0.5 ticks.
COUNT_AXIS = {"tickformat": ",d", "rangemode": "tozero"}
STATE_COLOURS = {"On time": "#00703c", "Late": "#d4351c", "Due": "#1d70b8", "Overdue": "#942514", "Waiting": "#b1b4b6"}


def status_by_kind(table: dict) -> dict:
    """Stacked horizontal bars: case reviews of each kind, by status."""
    fig = Figure()
    kinds = [k for k in table["kinds"] if k["total"]]
    for status in table["statuses"]:
        fig.add_trace(
            "bar",
            name=status["label"],
            y=[k["label"] for k in kinds],
            x=[status["counts"][k["code"]] for k in kinds],
            orientation="h",
        )
    fig.update_layout(
        barmode="stack",
        xaxis={"title": {"text": "Case reviews"}, **COUNT_AXIS},
        yaxis={"autorange": "reversed"},
        **{**LAYOUT, "margin": {"l": 290, "r": 20, "t": 30, "b": 110}, "legend": {"orientation": "h", "y": -0.3}},
    )
    return fig.to_dict()


def compliance(rows: list[dict]) -> dict:
    """Grouped bars: each national timescale, by state."""
    fig = Figure()
    for state in ("on_time", "late", "open", "overdue"):
        label = LABELS[state]
        fig.add_trace(
            "bar",
            name=label,
            x=[r["label"] for r in rows],
            y=[r["counts"][state] for r in rows],
            marker={"color": STATE_COLOURS[label]},
        )
    fig.update_layout(barmode="group", yaxis={"title": {"text": "Case reviews"}, **COUNT_AXIS}, **LAYOUT)
    return fig.to_dict()


def outstanding_by_agency(rows: list[dict]) -> dict:
    """Horizontal bars: open recommendations per accountable agency."""
    rows = list(reversed(rows[:20]))
    fig = Figure()
    fig.add_trace(
        "bar", x=[r["n"] for r in rows], y=[r["agency__short_name"] or r["agency__name"] for r in rows], orientation="h"
    )
    fig.update_layout(
        xaxis={"title": {"text": "Open recommendations"}, **COUNT_AXIS},
        **{**LAYOUT, "margin": {"l": 180, "r": 20, "t": 30, "b": 50}},
    )
    return fig.to_dict()


def learning_by_agency(rows: list[dict]) -> dict:
    """Bars: dissemination events reaching each agency this year."""
    fig = Figure()
    fig.add_trace("bar", x=[r["agency__short_name"] or r["agency__name"] for r in rows], y=[r["events"] for r in rows])
    fig.update_layout(yaxis={"title": {"text": "Events reaching the agency"}, **COUNT_AXIS}, **LAYOUT)
    return fig.to_dict()
