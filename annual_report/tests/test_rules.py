"""Pure rules of the annual report: periods, DfE number conventions, blocks."""

import datetime as dt

import pytest

from annual_report.blocks import has_data, to_blocks
from annual_report.formatting import dfe_count, dfe_pct
from annual_report.periods import UnknownPeriod, current_period, parse_period
from annual_report.svg import bar_chart

TODAY = dt.date(2026, 11, 27)


def test_a_financial_year_runs_april_to_march():
    assert parse_period("2024-25", TODAY) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))


def test_the_century_turns_correctly():
    assert parse_period("2099-00", dt.date(2100, 1, 1)) == (dt.date(2099, 4, 1), dt.date(2100, 3, 31))


@pytest.mark.parametrize("text", ["2024", "2024-2025", "2024-26", "24-25", "", "abcd-ef", "2027-28"])
def test_it_refuses_what_is_not_a_past_or_current_financial_year(text):
    with pytest.raises(UnknownPeriod):
        parse_period(text, TODAY)


def test_the_current_year_changes_on_1_april():
    assert current_period(dt.date(2026, 3, 31)) == "2025-26"
    assert current_period(dt.date(2026, 4, 1)) == "2026-27"


@pytest.mark.parametrize(
    ("value", "text"), [(12.25, "12.3"), (12.24, "12.2"), (0.05, "0.1"), (100, "100.0"), (None, ":"), ("c", "c")]
)
def test_percentages_follow_the_dfe_convention(value, text):
    assert dfe_pct(value) == text


def test_counts_keep_symbols_and_group_thousands():
    assert dfe_count(12345) == "12,345"
    assert dfe_count("c") == "c"
    assert dfe_count(None) == ":"


def test_empty_summaries_have_no_data():
    assert not has_data(None)
    assert not has_data({})
    assert not has_data({"audits": 0, "findings": []})
    assert has_data({"audits": 3})
    assert has_data({"rows": [{"a": 1}]})


def test_blocks_make_figures_tables_and_a_chart():
    blocks = to_blocks(
        {"audits": 4, "completed_pct": 66.66, "by_agency": [{"agency": "A", "audits": 3}, {"agency": "B", "audits": 1}]}
    )
    figures, table, chart = blocks
    assert figures.rows == [("Audits", "4"), ("Completed (%)", "66.7")]
    assert table.columns == ["Agency", "Audits"] and table.rows == [["A", "3"], ["B", "1"]]
    assert chart.kind == "chart" and "<svg" in chart.svg


def test_the_svg_chart_escapes_labels_and_marks_missing_values():
    svg = bar_chart([("<b>x</b>", 3), ("y", None)], title="T & U")
    assert "&lt;b&gt;" in svg and "T &amp; U" in svg
    assert "no data" in svg


def test_dashboard_tiles_accept_every_shape_strands_use():
    from annual_report.dashboard import _normalise

    tile = _normalise(
        "x",
        {
            "title": "T",
            "period": "April 2026 to now",
            "source": "Records",
            "figures": [("A", 1), {"label": "B", "value": 2, "of": 5}, {"label": "C", "value": None, "unit": "%"}],
        },
    )
    assert [(f["label"], f["shown"]) for f in tile["figures"]] == [("A", "1"), ("B", "2 of 5"), ("C", ":")]
    assert (tile["period"], tile["source"]) == ("April 2026 to now", "Records")


def test_a_dashboard_figure_is_rated_only_against_a_target():
    from decimal import Decimal

    from annual_report.dashboard import _figure

    rated = _figure({"label": "A", "value": 91.0, "unit": "%", "target": Decimal("95.0000"), "rag": "AMBER"}, "x")
    assert (rated["shown"], rated["target"], rated["rag_label"]) == ("91.0%", "95%", "Amber")
    unrated = _figure({"label": "A", "value": 91.0, "rag": "NOT_RATED"}, "x")
    assert (unrated["target"], unrated["rag"], unrated["rag_label"]) == ("", "", "")


def test_counts_named_rated_are_not_percentages():
    from annual_report.blocks import fmt

    assert fmt("rated", 25) == "25"
    assert fmt("NOT_RATED", 5) == "5"
    assert fmt("on_time_pct", 25) == "25.0"
    assert fmt("referral_rate", 518) == "518.0"


def run_points(values):
    return [(f"M{i}", v, "#7b7d7d") for i, v in enumerate(values)]


def test_the_run_chart_draws_each_point_the_limits_and_the_target():
    from annual_report.svg import run_chart

    svg = run_chart(
        title="Visits <in time>", points=run_points([80, 85, 90]), mean=85, lower=75, upper=95, target=88, suffix="%"
    )
    assert svg.count("<circle") == 3
    assert "Visits &lt;in time&gt;" in svg
    for label in ("Upper limit 95%", "Mean 85%", "Lower limit 75%", "Target 88%"):
        assert label in svg


def test_the_run_chart_keeps_close_labels_apart():
    import re

    from annual_report.svg import run_chart

    svg = run_chart(title="T", points=run_points([89, 90, 91]), mean=90, lower=89.5, upper=90.5, target=90)
    ys = sorted(float(y) for y in re.findall(r'<text x="\d+" y="([\d.]+)" font-size="9.5" fill=', svg))
    assert len(ys) == 4 and all(b - a >= 11 for a, b in zip(ys, ys[1:], strict=False))
