"""The progress dashboard chart, built in Python and drawn by plotly.js in the browser."""

import plotly.graph_objects as go

from bscp_portal.lib.charts import figure_dict

SERIES = [
    ("open", "Open (not overdue)", "#1d70b8"),
    ("overdue", "Overdue", "#d4351c"),
    ("on_time", "Completed on time", "#00703c"),
    ("late", "Completed late", "#f47738"),
]


def progress_figure(figures: dict) -> dict:
    """Stacked bars per agency: open, overdue, completed on time, completed late."""
    rows = figures["by_agency"]
    labels = [r["agency__short_name"] or r["agency__name"] for r in rows]
    fig = go.Figure()
    for key, name, colour in SERIES:
        values = [r["open"] - r["overdue"] if key == "open" else r[key] for r in rows]
        fig.add_trace(go.Bar(name=name, x=labels, y=values, marker_color=colour))
    fig.update_layout(
        barmode="stack",
        margin={"l": 40, "r": 10, "t": 10, "b": 80},
        legend={"orientation": "h", "y": 1.1},
        yaxis={"title": "Actions"},
        height=420,
    )
    return figure_dict(fig)
