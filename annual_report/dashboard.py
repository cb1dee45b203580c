"""The cross-strand dashboard: each strand's headline tile, the QA quadrant view and the
spreadsheet of both. A tile states its period and source; a figure carries, where the strand
gives them, its target, RAG rating and direction of travel, and the strand page (with the same
filter) that shows the same figure."""

import importlib

from scorecard.rag import Rag

STRAND_TILES = ["scorecard", "section11", "audits", "reviews", "actions", "conferences", "cdop", "governance"]
# Which quadrant of the partnership's QA model each strand's evidence sits in; a figure may
# say otherwise (conference questionnaires are the voice of children and families).
QUADRANT_OF = {
    "scorecard": "quantitative",
    "cdop": "quantitative",
    "conferences": "quantitative",
    "actions": "qualitative",
    "section11": "qualitative",
    "audits": "qualitative",
    "reviews": "qualitative",
    "governance": "qualitative",
}
RAG_LABELS = {r.value: r.label for r in Rag}


def _shown(value, item: dict) -> str:
    """A figure as read: ":" when there is none (never 0), with its unit and "of" count."""
    if value is None:
        return ":"
    text = f"{value}{item.get('unit') or ''}"
    if item.get("of") is not None:
        text = f"{text} of {item['of']}"
    return text


def _target(item: dict) -> str:
    target = item.get("target")
    if target is None:
        return ""
    number = f"{target.normalize():f}" if hasattr(target, "normalize") else str(target)
    return f"{number}{item.get('unit') or ''}"


def _figure(item, app: str) -> dict | None:
    """One figure from the shapes strands use: (label, value) tuples, or dicts with label,
    value, unit, of, target, rag, direction_label, href and quadrant."""
    if isinstance(item, (list, tuple)) and len(item) >= 2:
        item = {"label": item[0], "value": item[1]}
    if not isinstance(item, dict):
        return None
    rag = item.get("rag") if item.get("target") is not None else ""
    return {
        "label": str(item.get("label") or item.get("name") or ""),
        "value": item.get("value"),
        "shown": _shown(item.get("value"), item),
        "target": _target(item),
        "rag": rag or "",
        "rag_label": RAG_LABELS.get(rag, "") if rag else "",
        "direction": item.get("direction_label") or "",
        "href": item.get("href") or "",
        "quadrant": item.get("quadrant") or QUADRANT_OF.get(app, "qualitative"),
    }


def _normalise(app: str, tile) -> dict | None:
    if not isinstance(tile, dict):
        return None
    raw = tile.get("figures") or []
    items = raw.items() if isinstance(raw, dict) else raw
    figures = [f for f in (_figure(i, app) for i in items) if f][:8]
    return {
        "app": app,
        "title": tile.get("title") or app.replace("_", " ").title(),
        "period": tile.get("period") or "",
        "source": tile.get("source") or "",
        "figures": figures,
        "url": tile.get("url"),
        "suppressed": bool(tile.get("suppressed")),
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
    """Each quadrant with the figures of its kind of evidence, under their strand's title."""
    groups = []
    for q in quadrants:
        parts = []
        for t in tiles:
            figures = [f for f in t["figures"] if f["quadrant"] == q.code]
            if figures:
                parts.append({**t, "figures": figures})
        groups.append({"quadrant": q, "tiles": parts})
    return groups


EXPORT_COLUMNS = [
    "Strand",
    "Figure",
    "Value",
    "Target",
    "RAG rating",
    "Direction of travel",
    "Period",
    "Source",
    "QA quadrant",
]


def export_rows(tiles: list[dict], quadrant_names: dict[str, str]) -> list[list]:
    """One spreadsheet row per figure, as the page shows it."""
    return [
        [
            t["title"],
            f["label"],
            f["value"] if f["value"] is not None else ":",
            f["target"],
            f["rag_label"],
            f["direction"],
            t["period"],
            t["source"],
            quadrant_names.get(f["quadrant"], ""),
        ]
        for t in tiles
        for f in t["figures"]
    ]
