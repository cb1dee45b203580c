"""Plotly figures for the dashboards, as plain dicts (an accessible table always goes alongside)."""

import plotly.graph_objects as go

from bscp_portal.lib.charts import figure_dict

LAYOUT = {
    "margin": {"l": 50, "r": 20, "t": 60, "b": 50},
    "height": 360,
    "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
}


def _num(v):
    return float(v) if v is not None else None


def attendance_by_body(dash: dict) -> dict:
    fig = go.Figure()
    for body in dash["bodies"]:
        fig.add_trace(
            go.Scatter(
                x=[str(y) for y in dash["years"]],
                y=[_num(v) for v in body["cells"]],
                mode="lines+markers",
                name=body["name"],
            )
        )
    fig.add_hline(y=dash["threshold"], line_dash="dash", annotation_text=f"threshold {dash['threshold']}%")
    fig.update_layout(
        **LAYOUT, yaxis={"title": "% of expected agencies represented", "range": [0, 100]}, xaxis={"title": "Year"}
    )
    return figure_dict(fig)


def budget_lines(year: dict) -> dict:
    lines = year["lines"]
    labels = [f"{line.get_category_display()}{' – ' + line.description if line.description else ''}" for line in lines]
    fig = go.Figure(
        [
            go.Bar(name="Budget", y=labels, x=[_num(line.budget) for line in lines], orientation="h"),
            go.Bar(name="Actual", y=labels, x=[_num(line.actual) for line in lines], orientation="h"),
        ]
    )
    fig.update_layout(
        **{**LAYOUT, "margin": {"l": 260, "r": 20, "t": 30, "b": 50}},
        barmode="group",
        xaxis={"title": "£"},
        yaxis={"autorange": "reversed"},
    )
    return figure_dict(fig)


def budget_trend(trend: list[dict]) -> dict:
    fig = go.Figure(
        [
            go.Scatter(
                name="Budget", x=[r["label"] for r in trend], y=[_num(r["budget"]) for r in trend], mode="lines+markers"
            ),
            go.Scatter(
                name="Actual", x=[r["label"] for r in trend], y=[_num(r["actual"]) for r in trend], mode="lines+markers"
            ),
        ]
    )
    fig.update_layout(**LAYOUT, yaxis={"title": "£"}, xaxis={"title": "Financial year"})
    return figure_dict(fig)


def training_reach(reach: dict) -> dict:
    """Places taken per agency in the last two years recorded (horizontal, one row per agency)."""
    years = reach["years"][-2:]
    index = {y: reach["years"].index(y) for y in years}
    rows = sorted(reach["rows"], key=lambda r: r["cells"][index[years[-1]]])
    fig = go.Figure(
        [
            go.Bar(name=str(y), y=[r["name"] for r in rows], x=[r["cells"][index[y]] for r in rows], orientation="h")
            for y in years
        ]
    )
    fig.update_layout(
        **{**LAYOUT, "margin": {"l": 300, "r": 20, "t": 60, "b": 50}, "height": 120 + 26 * len(rows)},
        barmode="group",
        xaxis={"title": "Places taken"},
    )
    return figure_dict(fig)


def training_quality(rows: list[dict]) -> dict:
    years = [str(r["year"]) for r in rows]
    fig = go.Figure(
        [
            go.Scatter(
                name="Usefulness (mean, 1–5)", x=years, y=[_num(r["usefulness"]) for r in rows], mode="lines+markers"
            ),
            go.Scatter(
                name="Confidence gain (mean points)", x=years, y=[_num(r["gain"]) for r in rows], mode="lines+markers"
            ),
        ]
    )
    fig.update_layout(**LAYOUT, yaxis={"title": "Score", "range": [0, 5]}, xaxis={"title": "Year"})
    return figure_dict(fig)


def survey_distribution(results: dict) -> dict:
    fig = go.Figure()
    colours = {1: "#b2182b", 2: "#ef8a62", 3: "#bababa", 4: "#7fbf7b", 5: "#1b7837"}
    for score in (1, 2, 3, 4, 5):
        fig.add_trace(
            go.Bar(
                name=str(score),
                y=[q["question"].code for q in results["questions"]],
                x=[q["distribution"][score] for q in results["questions"]],
                orientation="h",
                marker_color=colours[score],
            )
        )
    fig.update_layout(
        **{**LAYOUT, "legend": {"orientation": "h", "traceorder": "normal"}},
        barmode="stack",
        xaxis={"title": "Members answering (1 strongly disagree – 5 strongly agree)"},
        yaxis={"autorange": "reversed"},
    )
    return figure_dict(fig)
