"""Plotly figures for the conference dashboards, built from the selectors' rows.

The figures are written as plotly's own JSON figure spec (data + layout) rather than through
`plotly.graph_objects`: validating four figures through graph_objects costs tens of
milliseconds a request on the dashboard. tests/test_charts.py loads every spec into
`plotly.graph_objects.Figure` so a malformed one fails there instead.
"""

import datetime as dt


def _num(value):
    return float(value) if value is not None else None


def _label(day: dt.date) -> str:
    return day.strftime("%b %Y")


def _figure(traces: list[dict], y_title: str = "%", **layout) -> dict:
    return {
        "data": traces,
        "layout": {
            "margin": {"l": 50, "r": 20, "t": 20, "b": 50},
            "legend": {"orientation": "h", "y": -0.2},
            "plot_bgcolor": "#fff",
            "xaxis": {"gridcolor": "#e9ecef"},
            "yaxis": {"title": {"text": y_title}, "rangemode": "tozero", "gridcolor": "#e9ecef"},
            **layout,
        },
    }


def _line(x, y, name: str) -> dict:
    return {"type": "scatter", "mode": "lines+markers", "x": x, "y": y, "name": name}


def dashboard_figures(months: list[dict], agencies: list[dict], questionnaires: list[dict]) -> dict:
    labels = [_label(m["month"]) for m in months]
    names = [a["name"] for a in agencies]
    q_labels = [_label(q["month"]) for q in questionnaires]
    return {
        "timeliness": _figure(
            [
                _line(labels, [_num(m["icpc_pct"]) for m in months], "Initial in 15 working days"),
                _line(labels, [_num(m["reviews_pct"]) for m in months], "Reviews in timescale"),
            ]
        ),
        "attendance": _figure(
            [
                {"type": "bar", "x": names, "y": [_num(a["attendance_pct"]) for a in agencies], "name": "Attended"},
                {"type": "bar", "x": names, "y": [_num(a["on_time_pct"]) for a in agencies], "name": "Report on time"},
            ],
            barmode="group",
        ),
        "participation": _figure(
            [
                _line(labels, [_num(m["parents_pct"]) for m in months], "Parents attended"),
                _line(labels, [_num(m["child_voice_pct"]) for m in months], "Child attended or views represented"),
            ]
        ),
        "satisfaction": _figure(
            [
                {
                    "type": "bar",
                    "x": q_labels,
                    "y": [q["responses"] for q in questionnaires],
                    "name": "Questionnaires",
                    "yaxis": "y2",
                },
                _line(q_labels, [_num(q["satisfaction_pct"]) for q in questionnaires], "Answers agreeing (%)"),
            ],
            yaxis2={"title": {"text": "questionnaires"}, "overlaying": "y", "side": "right", "rangemode": "tozero"},
        ),
    }


def agency_figure(monthly: list[dict], name: str) -> dict:
    labels = [_label(m["month"]) for m in monthly]
    return _figure(
        [
            _line(labels, [_num(m["attendance_pct"]) for m in monthly], f"{name}: attended"),
            _line(labels, [_num(m["on_time_pct"]) for m in monthly], f"{name}: report on time"),
        ]
    )
