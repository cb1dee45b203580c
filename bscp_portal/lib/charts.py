"""Plotly figures as plain JSON-ready dicts, drawn in the browser by static/js/charts.js."""

import json


def figure_dict(fig) -> dict:
    """A plotly Figure as a dict of plain JSON types (numpy values converted)."""
    return json.loads(fig.to_json())
