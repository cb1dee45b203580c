"""The progress dashboard chart, built in Python and drawn by plotly.js in the browser."""

from bscp_portal.lib.charts import Figure

SERIES = [
    ("open", "Open and on track", "#1d70b8"),
    ("drifting", "Open, due date moved 3 or more times", "#912b88"),
    ("overdue", "Overdue", "#d4351c"),
    ("on_time", "Completed on time", "#00703c"),
    ("late", "Completed late", "#f47738"),
]

#: Bars drawn; further agencies are summed into one "other agencies" bar (the table has all).
CHART_AGENCIES = 20


def chart_rows(by_agency: list[dict], limit: int = CHART_AGENCIES) -> list[dict]:
    """The agencies with most open actions (then most overdue), and the rest summed."""
    ranked = sorted(by_agency, key=lambda r: (-r["open"], -r["overdue"], r["agency__name"]))
    rows = [{"label": r["agency__short_name"] or r["agency__name"], **r} for r in ranked[:limit]]
    rest = ranked[limit:]
    if rest:
        other = {"label": f"{len(rest)} other agencies"}
        for key, _, _ in SERIES:
            other[key] = sum(r.get(key, 0) for r in rest)
        rows.append(other)
    return rows


def progress_figure(figures: dict) -> dict:
    """Stacked bars per agency: open, overdue, completed on time, completed late."""
    rows = chart_rows(figures["by_agency"])
    labels = [r["label"] for r in rows]
    fig = Figure()
    for key, name, colour in SERIES:
        values = [r["open"] - r["overdue"] - r.get("drifting", 0) if key == "open" else r.get(key, 0) for r in rows]
        fig.add_trace("bar", name=name, x=labels, y=values, marker={"color": colour})
    fig.update_layout(
        barmode="stack",
        margin={"l": 40, "r": 10, "t": 10, "b": 80},
        legend={"orientation": "h", "y": 1.1},
        yaxis={"title": {"text": "Actions"}},
        height=420,
    )
    return fig.to_dict()
