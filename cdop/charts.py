"""Plotly trend charts of the published tables; suppressed cells are gaps, never guesses."""

from bscp_portal.lib.charts import Figure
from cdop.statistics import TABLES, StatTable, chart_value, suppression_max

LAYOUT = {
    "margin": {"l": 50, "r": 20, "t": 30, "b": 40},
    "height": 320,
    "legend": {"orientation": "h", "y": -0.2},
    "yaxis": {"title": {"text": "Number"}, "rangemode": "tozero"},
    "xaxis": {"title": {"text": "Year (April to March)"}, "type": "category"},
}


def trend_figure(table: StatTable, *, kind: str = "line") -> dict:
    """One trace per row of the table across its years."""
    fig = Figure()
    for row in table.rows:
        values = [chart_value(c) for c in row.cells]
        if kind == "bar":
            fig.add_trace("bar", name=row.label, x=table.years, y=values)
        else:
            fig.add_trace("scatter", name=row.label, x=table.years, y=values, mode="lines+markers", connectgaps=False)
    layout = dict(LAYOUT)
    if len(table.rows) > 4:
        # Many series: the legend goes to the right, one per line, clear of the axis title.
        layout["legend"] = {"orientation": "v", "x": 1.02, "y": 1}
        layout["height"] = 380
    fig.update_layout(**layout, barmode="stack" if kind == "bar" else None)
    return fig.to_dict()


def statistics_figures(tables: list[StatTable], *, suppressed: bool) -> dict[str, dict]:
    """The statistics page's three charts of its published `tables` (as `suppressed` says),
    drawn once and kept with the tables until a child death record changes."""

    def draw() -> dict[str, dict]:
        return {
            "expectation": trend_figure(tables[0]),
            "category": trend_figure(tables[2], kind="bar"),
            "modifiable": trend_figure(tables[3]),
        }

    return TABLES.get_or_count(("charts", "suppressed" if suppressed else "exact", suppression_max()), draw)
