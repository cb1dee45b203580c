"""Plotly figures for the conference dashboards, built from the selectors' rows."""

import plotly.graph_objects as go

from bscp_portal.lib.charts import figure_dict


def _num(value):
    return float(value) if value is not None else None


def _layout(fig, y_title: str = "%") -> dict:
    fig.update_layout(
        margin={"l": 50, "r": 20, "t": 20, "b": 50},
        legend={"orientation": "h", "y": -0.2},
        yaxis={"title": y_title, "rangemode": "tozero", "gridcolor": "#e9ecef"},
        plot_bgcolor="#fff",
        xaxis={"gridcolor": "#e9ecef"},
    )
    return figure_dict(fig)


def dashboard_figures(months: list[dict], agencies: list[dict], questionnaires: list[dict]) -> dict:
    labels = [m["month"].strftime("%b %Y") for m in months]
    timeliness = go.Figure()
    timeliness.add_scatter(x=labels, y=[_num(m["icpc_pct"]) for m in months], name="Initial in 15 working days")
    timeliness.add_scatter(x=labels, y=[_num(m["reviews_pct"]) for m in months], name="Reviews in timescale")

    attendance = go.Figure()
    names = [a["name"] for a in agencies]
    attendance.add_bar(x=names, y=[_num(a["attendance_pct"]) for a in agencies], name="Attended")
    attendance.add_bar(x=names, y=[_num(a["on_time_pct"]) for a in agencies], name="Report on time")
    attendance.update_layout(barmode="group")

    participation = go.Figure()
    participation.add_scatter(x=labels, y=[_num(m["parents_pct"]) for m in months], name="Parents attended")
    participation.add_scatter(
        x=labels, y=[_num(m["child_voice_pct"]) for m in months], name="Child attended or views represented"
    )

    satisfaction = go.Figure()
    q_labels = [q["month"].strftime("%b %Y") for q in questionnaires]
    satisfaction.add_bar(x=q_labels, y=[q["responses"] for q in questionnaires], name="Questionnaires", yaxis="y2")
    satisfaction.add_scatter(
        x=q_labels, y=[_num(q["satisfaction_pct"]) for q in questionnaires], name="Answers agreeing (%)"
    )
    satisfaction.update_layout(yaxis2={"title": "questionnaires", "overlaying": "y", "side": "right"})
    return {
        "timeliness": _layout(timeliness),
        "attendance": _layout(attendance),
        "participation": _layout(participation),
        "satisfaction": _layout(satisfaction),
    }


def agency_figure(monthly: list[dict], name: str) -> dict:
    labels = [m["month"].strftime("%b %Y") for m in monthly]
    fig = go.Figure()
    fig.add_scatter(x=labels, y=[_num(m["attendance_pct"]) for m in monthly], name=f"{name}: attended")
    fig.add_scatter(x=labels, y=[_num(m["on_time_pct"]) for m in monthly], name=f"{name}: report on time")
    return _layout(fig)
