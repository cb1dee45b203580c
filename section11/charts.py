"""The compliance heatmap: agencies × standards, agreed ratings solid, self-ratings marked."""

from bscp_portal.lib.charts import Figure
from section11 import scoring

# Red, amber, green for 0, 1, 2 points (the portal's RAG colours).
COLOURS = [[0.0, "#d4351c"], [0.5, "#ffdd00"], [1.0, "#00703c"]]


def heatmap(matrix) -> dict:
    """Cells: points (2 fully met, 1 partially, 0 not met); text shows the rating, "(self)" when not agreed."""
    agencies = [r.agency for r in matrix.rows]
    standards = [f"S{s.number}" for s in matrix.standards]
    z, text, sx, sy = [], [], [], []
    for row in matrix.rows:
        z.append([scoring.POINTS.get(c.rating or "") for c in row.cells])
        text.append([scoring.label(c.rating) + ("" if c.agreed else " (self)") if c.rating else "" for c in row.cells])
        for s, c in zip(standards, row.cells, strict=True):
            if c.rating is not None and not c.agreed:
                sx.append(s)
                sy.append(row.agency)
    fig = Figure()
    fig.add_trace(
        "heatmap",
        z=z,
        x=standards,
        y=agencies,
        text=text,
        hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
        colorscale=COLOURS,
        zmin=0,
        zmax=2,
        showscale=False,
        xgap=2,
        ygap=2,
    )
    if sx:
        # Self-ratings not yet agreed are overlaid with a hollow marker so they read differently.
        fig.add_trace(
            "scatter",
            x=sx,
            y=sy,
            mode="markers",
            marker={"symbol": "circle-open", "size": 12, "color": "#0b0c0c", "line": {"width": 2}},
            name="Self-rating, not yet agreed",
            hoverinfo="skip",
        )
    fig.update_layout(
        height=max(320, 28 * len(agencies) + 140),
        margin={"l": 200, "r": 20, "t": 30, "b": 40},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": 1.08},
        showlegend=bool(sx),
    )
    return fig.to_dict()
