"""Plotly figures for the scorecard (drawn in the browser from static plotly.js)."""

from datetime import timedelta

from bscp_portal.lib.charts import Figure
from scorecard.models import Series
from scorecard.spc import COLOURS as MDC
from scorecard.spc import RULE_LABELS, Variation, point_kind

COLOURS = {
    "local": MDC["common_cause"],
    "england": "#505a5f",
    "stat_neighbours": "#912b88",
    "region": "#00703c",
    "target": "#de1b1b",
    "limit": "#6f777b",
    "event": "#0b0c0c",
}
AXIS_UNITS = {"percentage": "Per cent (%)", "count": "Number", "rate_per_10000": "Rate per 10,000 children"}
KIND_NAMES = {
    "improvement": "Special cause: improvement",
    "concern": "Special cause: concern",
    "neither": "Special cause",
}


def _label(point) -> str:
    return (
        f"{point.period_end:%b %Y}"
        if (point.period_end - point.period_start).days < 40
        else f"{point.period_start:%Y}-{point.period_end:%y}"
    )


def _segment_lines(xs: list[str], result) -> dict[str, tuple[list, list]]:
    """Mean and limit lines drawn across each stretch between process changes (None breaks the
    line between stretches, so each stays one legend entry)."""
    lines = {"mean": ([], []), "upper": ([], []), "lower": ([], [])}
    for seg in result.segments or ():
        if seg.mean is None or seg.end <= seg.start:
            continue
        for key in lines:
            x, y = lines[key]
            level = getattr(seg, key)
            x.extend([xs[seg.start], xs[seg.end - 1], None])
            y.extend([level, level, None])
    return lines


def spc_figure(*, indicator, status, comparators: dict, notes=()) -> dict:
    """The SPC chart as Making Data Count draws it: the local series in grey, special cause
    points blue (improvement) or orange (concern), mean and process limits for each stretch
    between process changes, the target, comparators and dated events."""
    fig = Figure()
    history = [ps for ps in status.history if ps.point.value is not None]
    xs = [ps.point.period_end.isoformat() for ps in history]
    ys = [float(ps.point.value) for ps in history]
    unit = AXIS_UNITS.get(indicator.unit, indicator.get_unit_display())
    fig.add_trace(
        "scatter",
        x=xs,
        y=ys,
        mode="lines+markers",
        name="Local figure",
        line={"color": COLOURS["local"], "width": 1.5},
        marker={"size": 6, "color": COLOURS["local"]},
        hovertemplate="%{x|%b %Y}: %{y}<extra>Local figure</extra>",
    )
    result = status.spc
    if result.mean is not None and xs:
        lines = _segment_lines(xs, result)
        for key, name, dash in (
            ("mean", "Mean", "solid"),
            ("upper", "Upper process limit", "dash"),
            ("lower", "Lower process limit", "dash"),
        ):
            x, y = lines[key]
            fig.add_trace(
                "scatter",
                x=x,
                y=y,
                mode="lines",
                name=name,
                line={"color": COLOURS["limit"], "dash": dash, "width": 1},
                hoverinfo="name+y",
                connectgaps=False,
            )
    by_kind: dict[str, list] = {}
    for x, y, ps in zip(xs, ys, history, strict=True):
        if ps.signal:
            by_kind.setdefault(point_kind(ps.side, indicator.polarity), []).append((x, y, ps))
    for kind in ("improvement", "concern", "neither"):
        points = by_kind.get(kind)
        if not points:
            continue
        fig.add_trace(
            "scatter",
            x=[x for x, _, _ in points],
            y=[y for _, y, _ in points],
            mode="markers",
            name=KIND_NAMES[kind],
            marker={"size": 9, "color": MDC[kind], "line": {"width": 1, "color": "#0b0c0c"}},
            text=[RULE_LABELS.get(ps.signal, ps.signal) for _, _, ps in points],
            hovertemplate="%{x|%b %Y}: %{y}<br>%{text}<extra>" + KIND_NAMES[kind] + "</extra>",
        )
    targets = [(ps.point.period_end.isoformat(), float(ps.target)) for ps in history if ps.target is not None]
    if targets:
        fig.add_trace(
            "scatter",
            x=[x for x, _ in targets],
            y=[y for _, y in targets],
            mode="lines",
            name="Target",
            line={"color": COLOURS["target"], "dash": "dot", "shape": "hv"},
        )
    for series in (Series.ENGLAND, Series.STAT_NEIGHBOURS, Series.REGION):
        points = [p for p in comparators.get(series, []) if p.value is not None]
        if points:
            fig.add_trace(
                "scatter",
                x=[p.period_end.isoformat() for p in points],
                y=[float(p.value) for p in points],
                mode="lines+markers",
                name=Series(series).label,
                line={"color": COLOURS[series], "width": 1.5},
                marker={"size": 5, "symbol": "diamond"},
            )
    for note in notes:
        change = note.kind == "process_change"
        fig.add_vline(
            x=note.on.isoformat(), line={"color": COLOURS["event"], "width": 1, "dash": "dashdot" if change else "dot"}
        )
        fig.add_annotation(
            x=note.on.isoformat(),
            y=1,
            yref="paper",
            text=("Change: " if change else "") + note.text,
            showarrow=False,
            xanchor="left",
            yanchor="top",
            textangle=-90,
            font={"size": 11, "color": COLOURS["event"]},
            bgcolor="rgba(255,255,255,0.8)",
        )
    if xs:
        # Open on the local series; older comparators stay one zoom-out away.
        first, last = history[0].point.period_start, history[-1].point.period_end
        fig.update_layout(
            xaxis={"range": [(first - timedelta(days=45)).isoformat(), (last + timedelta(days=45)).isoformat()]}
        )
    if indicator.unit == "percentage":
        # Percentages stay within 0-100 even when a process limit falls outside them.
        plotted = [y for trace in fig.data for y in trace.get("y") or () if y is not None]
        if plotted:
            fig.update_layout(yaxis={"range": [max(0, min(plotted) - 5), min(100, max(plotted) + 5) + 2]})
    fig.update_layout(
        title={"text": f"{indicator.name}: local figures with mean and process limits", "font": {"size": 14}},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=440,
        font={"size": 12},
        legend={"orientation": "h", "y": -0.2, "yanchor": "top"},
        xaxis={"title": {"text": f"Period ending ({indicator.get_frequency_display().lower()})"}, "automargin": True},
        yaxis={"title": {"text": unit}, "automargin": True},
        template="plotly_white",
    )
    return fig.to_dict()


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
