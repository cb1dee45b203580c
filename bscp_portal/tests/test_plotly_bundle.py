"""The vendored plotly.js partial bundle: small, the same version as the Python package, and
holding every trace type the charts draw."""

import gzip
import re
from pathlib import Path

import plotly

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "static" / "vendor" / "plotly" / "plotly-cartesian.min.js"
#: The trace types in plotly.js's "cartesian" partial bundle.
CARTESIAN = {
    "scatter",
    "bar",
    "box",
    "heatmap",
    "histogram",
    "histogram2d",
    "histogram2dcontour",
    "contour",
    "image",
    "pie",
    "violin",
}


#: `"type"` values that name an axis type, not a trace.
AXIS_TYPES = {"date", "category", "linear", "log", "multicategory", "month", "-"}


def _traces_used() -> set[str]:
    found = set()
    for source in ROOT.glob("*/charts.py"):
        text = source.read_text()
        found |= {name.lower() for name in re.findall(r"\bgo\.([A-Z]\w*)\(", text) if name != "Figure"}
        found |= set(re.findall(r'"type":\s*"([\w-]+)"', text)) - AXIS_TYPES
        found |= set(re.findall(r'\badd_trace\(\s*"([\w-]+)"', text))
    return found


def test_the_bundle_is_the_python_packages_plotly_js_version():
    bundled = re.search(r"plotly\.js \(cartesian - minified\) v([\d.]+)", BUNDLE.read_text()[:300]).group(1)
    shipped = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text()[:200]
    assert f"plotly.js v{bundled}" in shipped


def test_the_bundle_is_under_600_kb_gzipped():
    assert len(gzip.compress(BUNDLE.read_bytes(), 9)) < 600_000


def test_every_trace_type_the_charts_draw_is_in_the_bundle():
    used = _traces_used()
    assert {"scatter", "bar", "heatmap"} <= used  # the scan finds what is known to be drawn
    assert used <= CARTESIAN, f"not in the cartesian bundle: {used - CARTESIAN}"


def test_chart_pages_load_the_vendored_bundle(client):
    template = (ROOT / "templates" / "includes" / "chart_scripts.html").read_text()
    assert "vendor/plotly/plotly-cartesian.min.js" in template
