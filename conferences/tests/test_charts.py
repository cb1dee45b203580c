"""Every chart spec the conference pages draw is a valid plotly figure (checked by plotly)."""

import datetime as dt
from decimal import Decimal

import plotly.graph_objects as go

from conferences import charts

MONTHS = [
    {
        "month": dt.date(2025, m, 1),
        "icpc_pct": Decimal("80.0"),
        "reviews_pct": None,
        "parents_pct": Decimal("75.5"),
        "child_voice_pct": Decimal("60.0"),
        "attendance_pct": Decimal("90.0"),
        "on_time_pct": None,
    }
    for m in range(1, 13)
]
AGENCIES = [{"name": "Police", "attendance_pct": Decimal("88.8"), "on_time_pct": Decimal("70.0")}]
QUESTIONNAIRES = [{"month": dt.date(2025, 1, 1), "responses": 4, "satisfaction_pct": Decimal("66.7")}]


def test_the_dashboard_figures_are_valid_plotly_figures():
    figures = charts.dashboard_figures(MONTHS, AGENCIES, QUESTIONNAIRES)
    assert set(figures) == {"timeliness", "attendance", "participation", "satisfaction"}
    for spec in figures.values():
        go.Figure(spec)  # raises ValueError on any property plotly does not know


def test_gaps_stay_gaps_not_zeros():
    figure = charts.dashboard_figures(MONTHS, AGENCIES, QUESTIONNAIRES)["timeliness"]
    assert figure["data"][1]["y"][0] is None
    assert figure["data"][0]["y"][0] == 80.0


def test_the_agency_figure_draws_attendance_and_report_timeliness_by_month():
    spec = charts.agency_figure(MONTHS, "Police")
    go.Figure(spec)  # raises ValueError on any property plotly does not know
    assert [trace["name"] for trace in spec["data"]] == ["Police: attended", "Police: report on time"]
    assert spec["data"][0]["y"] == [90.0] * 12
    assert spec["data"][1]["y"] == [None] * 12  # no reports due: a gap, not 0%
