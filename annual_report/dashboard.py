"""The cross-strand dashboard: each strand's headline tile, and the QA quadrant view."""

import importlib

from annual_report.sections import SECTIONS

STRAND_TILES = ["scorecard", "section11", "audits", "reviews", "actions", "conferences", "cdop", "governance"]
# Which quadrant of the partnership's QA model each strand's evidence sits in.
QUADRANT_OF = {
    "scorecard": "quantitative",
    "cdop": "quantitative",
    "actions": "qualitative",
    "section11": "qualitative",
    "audits": "qualitative",
    "reviews": "qualitative",
    "conferences": "voice-children",
    "governance": "voice-practitioners",
}


def _normalise(app: str, tile) -> dict | None:
    if not isinstance(tile, dict):
        return None
    figures = tile.get("figures")
    if isinstance(figures, dict):
        figures = list(figures.items())
    elif figures is None:
        figures = [
            (k.replace("_", " ").capitalize(), v)
            for k, v in tile.items()
            if k not in {"title", "url", "figures", "app"}
            and isinstance(v, (str, int, float))
            and not isinstance(v, bool)
        ]
    return {
        "app": app,
        "title": tile.get("title") or app.replace("_", " ").title(),
        "figures": [(str(label), "c" if value is None else value) for label, value in figures][:8],
        "url": tile.get("url"),
        "quadrant": QUADRANT_OF.get(app, "qualitative"),
    }


def tiles_for(user) -> list[dict]:
    """One tile per strand that offers one; a strand without a summary yet is left out."""
    tiles = []
    for app in STRAND_TILES:
        try:
            module = importlib.import_module(f"{app}.summary")
        except ModuleNotFoundError as exc:
            if exc.name == f"{app}.summary":
                continue
            raise
        if hasattr(module, "dashboard_tile"):
            tile = _normalise(app, module.dashboard_tile(user=user))
            if tile:
                tiles.append(tile)
    return tiles


def by_quadrant(tiles: list[dict], quadrants) -> list[dict]:
    return [{"quadrant": q, "tiles": [t for t in tiles if t["quadrant"] == q.code]} for q in quadrants]


__all__ = ["SECTIONS", "tiles_for", "by_quadrant"]
