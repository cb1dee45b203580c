"""Plotly figures for the conference dashboards, built from the selectors' rows.

The figures are plain dicts (`bscp_portal.lib.charts.Figure`) drawn with plotly.js's own
defaults, without a plotly.py template. tests/test_charts.py loads every spec into
`plotly.graph_objects.Figure` so a malformed one fails there.
"""

import datetime as dt

from bscp_portal.lib.charts import Figure


def _num(value):
    return float(value) if value is not None else None


def _label(day: dt.date) -> str:
    return day.strftime("%b %Y")


def _figure(y_title: str = "%", **layout) -> Figure:
    fig = Figure(template_name=None)
    fig.update_layout(
        margin={"l": 50, "r": 20, "t": 20, "b": 50},
        legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="#fff",
        xaxis={"gridcolor": "#e9ecef"},
        yaxis={"title": {"text": y_title}, "rangemode": "tozero", "gridcolor": "#e9ecef"},
        **layout,
    )
    return fig


def _line(fig: Figure, x, y, name: str) -> None:
    fig.add_trace("scatter", mode="lines+markers", x=x, y=y, name=name)


def dashboard_figures(months: list[dict], agencies: list[dict], questionnaires: list[dict]) -> dict:
    labels = [_label(m["month"]) for m in months]
    names = [a["name"] for a in agencies]
    q_labels = [_label(q["month"]) for q in questionnaires]
    timeliness = _figure()
    _line(timeliness, labels, [_num(m["icpc_pct"]) for m in months], "Initial in 15 working days")
    _line(timeliness, labels, [_num(m["reviews_pct"]) for m in months], "Reviews in timescale")
    attendance = _figure(barmode="group")
    attendance.add_trace("bar", x=names, y=[_num(a["attendance_pct"]) for a in agencies], name="Attended")
    attendance.add_trace("bar", x=names, y=[_num(a["on_time_pct"]) for a in agencies], name="Report on time")
    participation = _figure()
    _line(participation, labels, [_num(m["parents_pct"]) for m in months], "Parents attended")
    _line(
        participation,
        labels,
        [_num(m["child_voice_pct"]) for m in months],
        "Child attended or views represented",
    )
    satisfaction = _figure(
        yaxis2={"title": {"text": "questionnaires"}, "overlaying": "y", "side": "right", "rangemode": "tozero"}
    )
    satisfaction.add_trace(
        "bar", x=q_labels, y=[q["responses"] for q in questionnaires], name="Questionnaires", yaxis="y2"
    )
    _line(satisfaction, q_labels, [_num(q["satisfaction_pct"]) for q in questionnaires], "Answers agreeing (%)")
    return {
        "timeliness": timeliness.to_dict(),
        "attendance": attendance.to_dict(),
        "participation": participation.to_dict(),
        "satisfaction": satisfaction.to_dict(),
    }


def agency_figure(monthly: list[dict], name: str) -> dict:
    labels = [_label(m["month"]) for m in monthly]
    fig = _figure()
    _line(fig, labels, [_num(m["attendance_pct"]) for m in monthly], f"{name}: attended")
    _line(fig, labels, [_num(m["on_time_pct"]) for m in monthly], f"{name}: report on time")
    return fig.to_dict()
