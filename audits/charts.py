"""Plotly figures for the practice audit analysis, built from `selectors.analysis` (same figures as the tables)."""

from bscp_portal.lib.charts import Figure

COLOURS = {"Met": "#00703c", "Partly met": "#b58900", "Not met": "#d4351c"}
LAYOUT = {
    "barmode": "stack",
    "margin": {"l": 10, "r": 10, "t": 10, "b": 100},
    "legend": {"orientation": "h", "x": 0, "y": 0.02, "yanchor": "bottom", "yref": "container", "traceorder": "normal"},
    "font": {"family": "system-ui, sans-serif", "size": 13},
}


def _f(value) -> float | None:
    return None if value is None else float(value)


def _stacked(labels: list[str], scores: list) -> dict:
    fig = Figure()
    for name, attr in (("Met", "pct_met"), ("Partly met", "pct_partly"), ("Not met", "pct_not_met")):
        fig.add_trace(
            "bar",
            name=name,
            y=labels,
            x=[_f(getattr(s, attr)) for s in scores],
            orientation="h",
            marker={"color": COLOURS[name]},
            hovertemplate="%{y}: %{x:.1f}% " + name.lower() + "<extra></extra>",
        )
    fig.update_layout(
        **LAYOUT,
        height=max(280, 40 * len(labels) + 140),
        xaxis={"range": [0, 100], "title": {"text": "% of applicable answers"}},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return fig.to_dict()


def standards_figure(analysis: dict) -> dict:
    """Per standard: % met, partly met and not met of the applicable answers."""
    pairs = analysis["standards"]
    return _stacked([s.title for s, _ in pairs], [score for _, score in pairs])


def agencies_figure(analysis: dict) -> dict:
    """Per agency (only the user's own unless they see every agency): % met, partly, not met."""
    pairs = analysis["agencies"]
    return _stacked([str(a) for a, _ in pairs], [score for _, score in pairs])


def grades_figure(analysis: dict) -> dict:
    """Number of cases at each grade."""
    fig = Figure()
    fig.add_trace(
        "bar",
        x=[label for label, _, _ in analysis["grades"]],
        y=[n for _, n, _ in analysis["grades"]],
        marker={"color": ["#00703c", "#4c9f38", "#b58900", "#d4351c"]},
        hovertemplate="%{x}: %{y} cases<extra></extra>",
    )
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        height=300,
        font=LAYOUT["font"],
        yaxis={"title": {"text": "Cases"}, "rangemode": "tozero"},
    )
    return fig.to_dict()
