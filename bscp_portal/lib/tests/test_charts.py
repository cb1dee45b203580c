"""`Figure` gives the same dict as plotly's graph objects for the same traces and layout."""

import json

import plotly.graph_objects as go

from bscp_portal.lib.charts import Figure


def _plotly(fig: go.Figure) -> dict:
    return json.loads(fig.to_json())


def test_it_matches_plotly_for_traces_and_a_merged_layout():
    fig = Figure()
    fig.add_trace("bar", name="Open", x=["A", "B"], y=[1, 2], marker={"color": "#1d70b8"}, text=None)
    fig.update_layout(barmode="stack", yaxis={"title": {"text": "Actions"}})
    fig.update_layout(yaxis={"range": [0, 5]}, height=300, legend=None)
    expected = go.Figure(go.Bar(name="Open", x=["A", "B"], y=[1, 2], marker_color="#1d70b8"))
    expected.update_layout(barmode="stack", yaxis={"title": "Actions"})
    expected.update_layout(yaxis={"range": [0, 5]}, height=300)
    assert fig.to_dict() == _plotly(expected)


def test_a_horizontal_line_with_its_label_is_drawn_as_plotly_draws_it():
    fig = Figure()
    fig.add_trace("scatter", x=["2024"], y=[80.0], mode="lines+markers")
    fig.add_hline(y=75, line={"dash": "dash"}, annotation_text="threshold 75%")
    expected = go.Figure(go.Scatter(x=["2024"], y=[80.0], mode="lines+markers"))
    expected.add_hline(y=75, line_dash="dash", annotation_text="threshold 75%")
    assert fig.to_dict() == _plotly(expected)


def test_a_vertical_line_is_drawn_as_plotly_draws_it():
    fig = Figure()
    fig.add_trace("scatter", x=["2024-01-01"], y=[1.0])
    fig.add_vline(x="2024-01-01", line={"color": "#505a5f", "width": 1})
    expected = go.Figure(go.Scatter(x=["2024-01-01"], y=[1.0]))
    expected.add_vline(x="2024-01-01", line={"color": "#505a5f", "width": 1})
    assert fig.to_dict() == _plotly(expected)


def test_the_template_is_the_one_asked_for_or_left_out():
    fig = Figure()
    fig.update_layout(template="plotly_white")
    assert fig.to_dict() == _plotly(go.Figure(layout={"template": "plotly_white"}))
    assert "template" not in Figure(template_name=None).to_dict()["layout"]


def test_updating_one_figure_leaves_a_shared_layout_alone():
    shared = {"margin": {"l": 50, "r": 20}}
    fig = Figure()
    fig.update_layout(**shared)
    fig.update_layout(margin={"l": 300})
    assert shared == {"margin": {"l": 50, "r": 20}}
    assert fig.to_dict()["layout"]["margin"] == {"l": 300, "r": 20}
