"""The cross-strand dashboard: each strand's headline tile, and the QA quadrant view."""

import importlib

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


def _figure(item) -> tuple[str, object] | None:
    """A (label, value) pair from the shapes strands use: tuples, or dicts with label/value/of."""
    if isinstance(item, dict):
        label = item.get("label") or item.get("name") or ""
        value = item.get("value")
        if item.get("unit") and value is not None:
            value = f"{value}{item['unit']}"
        if item.get("of") is not None and value is not None:
            value = f"{value} of {item['of']}"
        return (str(label), value)
    if isinstance(item, (list, tuple)) and len(item) >= 2:
        return (str(item[0]), item[1])
    return None


def _humanise(key: str) -> str:
    text = str(key).replace("_", " ")
    return text[:1].upper() + text[1:].lower()


def _normalise(app: str, tile) -> dict | None:
    if not isinstance(tile, dict):
        return None
    if tile.get("figures") is not None:
        pairs = [
            _figure(item)
            for item in (tile["figures"].items() if isinstance(tile["figures"], dict) else tile["figures"])
        ]
    else:
        pairs = []
        for key, value in tile.items():
            if key in {"title", "url", "app"} or isinstance(value, bool):
                continue
            if isinstance(value, dict):
                pairs += [(_humanise(k), v) for k, v in value.items() if isinstance(v, (int, float, str))]
            elif isinstance(value, (int, float)):
                pairs.append((_humanise(key), value))
    return {
        "app": app,
        "title": tile.get("title") or app.replace("_", " ").title(),
        "figures": [(label, ":" if value is None else value) for label, value in filter(None, pairs)][:8],
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
