"""Plotly figures for the dashboards, as plain dicts (an accessible table always goes alongside)."""

from bscp_portal.lib.charts import Figure

LAYOUT = {
    "margin": {"l": 50, "r": 20, "t": 60, "b": 50},
    "height": 360,
    "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
}


def _num(v):
    return float(v) if v is not None else None


def attendance_by_body(dash: dict) -> dict:
    fig = Figure()
    for body in dash["bodies"]:
        fig.add_trace(
            "scatter",
            x=[str(y) for y in dash["years"]],
            y=[_num(v) for v in body["cells"]],
            mode="lines+markers",
            name=body["name"],
        )
    fig.add_hline(y=dash["threshold"], line={"dash": "dash"}, annotation_text=f"threshold {dash['threshold']}%")
    fig.update_layout(
        **LAYOUT,
        yaxis={"title": {"text": "% of expected agencies represented"}, "range": [0, 100]},
        xaxis={"title": {"text": "Year"}},
    )
    return fig.to_dict()


def budget_lines(year: dict) -> dict:
    lines = year["lines"]
    labels = [f"{line.get_category_display()}{' – ' + line.description if line.description else ''}" for line in lines]
    fig = Figure()
    fig.add_trace("bar", name="Budget", y=labels, x=[_num(line.budget) for line in lines], orientation="h")
    fig.add_trace("bar", name="Actual", y=labels, x=[_num(line.actual) for line in lines], orientation="h")
    fig.update_layout(
        **{**LAYOUT, "margin": {"l": 260, "r": 20, "t": 30, "b": 50}},
        barmode="group",
        xaxis={"title": {"text": "£"}},
        yaxis={"autorange": "reversed"},
    )
    return fig.to_dict()


def budget_trend(trend: list[dict]) -> dict:
    fig = Figure()
    labels = [r["label"] for r in trend]
    fig.add_trace("scatter", name="Budget", x=labels, y=[_num(r["budget"]) for r in trend], mode="lines+markers")
    fig.add_trace("scatter", name="Actual", x=labels, y=[_num(r["actual"]) for r in trend], mode="lines+markers")
    fig.update_layout(**LAYOUT, yaxis={"title": {"text": "£"}}, xaxis={"title": {"text": "Financial year"}})
    return fig.to_dict()


def training_reach(reach: dict) -> dict:
    """Places taken per agency in the last two years recorded (horizontal, one row per agency)."""
    years = reach["years"][-2:]
    index = {y: reach["years"].index(y) for y in years}
    rows = sorted(reach["rows"], key=lambda r: r["cells"][index[years[-1]]])
    fig = Figure()
    for y in years:
        fig.add_trace(
            "bar", name=str(y), y=[r["name"] for r in rows], x=[r["cells"][index[y]] for r in rows], orientation="h"
        )
    fig.update_layout(
        **{**LAYOUT, "margin": {"l": 300, "r": 20, "t": 60, "b": 50}, "height": 120 + 26 * len(rows)},
        barmode="group",
        xaxis={"title": {"text": "Places taken"}},
    )
    return fig.to_dict()


def training_quality(rows: list[dict]) -> dict:
    years = [str(r["year"]) for r in rows]
    fig = Figure()
    fig.add_trace(
        "scatter", name="Usefulness (mean, 1–5)", x=years, y=[_num(r["usefulness"]) for r in rows], mode="lines+markers"
    )
    fig.add_trace(
        "scatter",
        name="Confidence gain (mean points)",
        x=years,
        y=[_num(r["gain"]) for r in rows],
        mode="lines+markers",
    )
    fig.update_layout(**LAYOUT, yaxis={"title": {"text": "Score"}, "range": [0, 5]}, xaxis={"title": {"text": "Year"}})
    return fig.to_dict()


def survey_distribution(results: dict) -> dict:
    fig = Figure()
    colours = {1: "#b2182b", 2: "#ef8a62", 3: "#bababa", 4: "#7fbf7b", 5: "#1b7837"}
    for score in (1, 2, 3, 4, 5):
        fig.add_trace(
            "bar",
            name=str(score),
            y=[q["question"].code for q in results["questions"]],
            x=[q["distribution"][score] for q in results["questions"]],
            orientation="h",
            marker={"color": colours[score]},
        )
    fig.update_layout(
        **{**LAYOUT, "legend": {"orientation": "h", "traceorder": "normal"}},
        barmode="stack",
        xaxis={"title": {"text": "Members answering (1 strongly disagree – 5 strongly agree)"}},
        yaxis={"autorange": "reversed"},
    )
    return fig.to_dict()
