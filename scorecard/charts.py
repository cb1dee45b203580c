"""Plotly figures for the scorecard (drawn in the browser from static plotly.js)."""

from datetime import timedelta

import plotly.graph_objects as go

from bscp_portal.lib.charts import figure_dict
from scorecard.models import Series
from scorecard.spc import RULE_LABELS, Variation

COLOURS = {
    "local": "#1d70b8",
    "england": "#505a5f",
    "stat_neighbours": "#912b88",
    "region": "#f47738",
    "target": "#00703c",
    "improvement": "#f47738",  # Making Data Count: orange improvement, blue concern
    "concern": "#1d70b8",
    "limit": "#6f777b",
}


def _label(point) -> str:
    return (
        f"{point.period_end:%b %Y}"
        if (point.period_end - point.period_start).days < 40
        else f"{point.period_start:%Y}-{point.period_end:%y}"
    )


def spc_figure(*, indicator, status, comparators: dict) -> dict:
    """The SPC chart: local series with mean and limits, special causes, target and comparators."""
    fig = go.Figure()
    history = [ps for ps in status.history if ps.point.value is not None]
    xs = [ps.point.period_end.isoformat() for ps in history]
    ys = [float(ps.point.value) for ps in history]
    fig.add_trace(
        go.Scatter(x=xs, y=ys, mode="lines+markers", name="Local", line={"color": COLOURS["local"]}, marker={"size": 6})
    )
    result = status.spc
    if result.mean is not None and xs:
        for y, name, dash in (
            (result.mean, "Mean", "solid"),
            (result.upper, "Upper process limit", "dash"),
            (result.lower, "Lower process limit", "dash"),
        ):
            fig.add_trace(
                go.Scatter(
                    x=[xs[0], xs[-1]],
                    y=[y, y],
                    mode="lines",
                    name=name,
                    line={"color": COLOURS["limit"], "dash": dash, "width": 1},
                    hoverinfo="name+y",
                )
            )
    special = [(x, y, ps) for x, y, ps in zip(xs, ys, history, strict=True) if ps.signal]
    if special:
        good_side = {"higher": "high", "lower": "low"}.get(indicator.polarity)
        colours = []
        for _x, y, _ps in special:
            point_side = "high" if result.mean is not None and y > result.mean else "low"
            colours.append(
                COLOURS["improvement"] if point_side == good_side else COLOURS["concern"] if good_side else "#6f777b"
            )
        fig.add_trace(
            go.Scatter(
                x=[x for x, _, _ in special],
                y=[y for _, y, _ in special],
                mode="markers",
                name="Special cause",
                marker={"size": 11, "color": colours, "symbol": "circle-open", "line": {"width": 3}},
                text=[RULE_LABELS.get(ps.signal, ps.signal) for _, _, ps in special],
                hoverinfo="x+y+text",
            )
        )
    targets = [(ps.point.period_end.isoformat(), float(ps.target)) for ps in history if ps.target is not None]
    if targets:
        fig.add_trace(
            go.Scatter(
                x=[x for x, _ in targets],
                y=[y for _, y in targets],
                mode="lines",
                name="Target",
                line={"color": COLOURS["target"], "dash": "dot", "shape": "hv"},
            )
        )
    for series in (Series.ENGLAND, Series.STAT_NEIGHBOURS, Series.REGION):
        points = [p for p in comparators.get(series, []) if p.value is not None]
        if points:
            fig.add_trace(
                go.Scatter(
                    x=[p.period_end.isoformat() for p in points],
                    y=[float(p.value) for p in points],
                    mode="lines+markers",
                    name=Series(series).label,
                    line={"color": COLOURS[series], "width": 1.5},
                    marker={"size": 5, "symbol": "diamond"},
                )
            )
    if xs:
        # Open on the local series; older comparators stay one zoom-out away.
        first, last = history[0].point.period_start, history[-1].point.period_end
        fig.update_xaxes(range=[(first - timedelta(days=45)).isoformat(), (last + timedelta(days=45)).isoformat()])
    if indicator.unit == "percentage":
        # Percentages stay within 0-100 even when a process limit falls outside them.
        plotted = [y for trace in fig.data for y in (trace.y or ()) if y is not None]
        if plotted:
            fig.update_yaxes(range=[max(0, min(plotted) - 5), min(100, max(plotted) + 5) + 2])
    fig.update_layout(
        margin={"l": 50, "r": 20, "t": 20, "b": 40},
        height=420,
        legend={"orientation": "h", "y": -0.15},
        yaxis={"title": indicator.get_unit_display()},
        template="plotly_white",
    )
    return figure_dict(fig)


def spc_summary(*, indicator, status) -> str:
    """One sentence for screen readers and the chart caption."""
    if status.latest is None:
        return "No local data yet."
    result = status.spc
    parts = [f"{len(status.history)} local points"]
    if result.mean is not None:
        parts.append(f"mean {result.mean:.1f}, limits {result.lower:.1f} to {result.upper:.1f}")
    if result.warning:
        parts.append(result.warning)
    elif result.variation:
        parts.append(result.variation.label)
        if result.assurance:
            parts.append(result.assurance.label.lower())
    return "; ".join(parts) + "."


__all__ = ["spc_figure", "spc_summary", "Variation"]
