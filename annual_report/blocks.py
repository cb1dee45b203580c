"""Turn a strand's summary (plain dicts, lists and numbers) into blocks a template can print:
figures, tables and bar charts, with DfE number conventions. Pure, no Django."""

from dataclasses import dataclass, field

from annual_report.formatting import dfe_count, dfe_pct
from annual_report.svg import bar_chart

PCT_HINTS = ("pct", "percent", "percentage", "rate")
SKIP_KEYS = {"url", "urls", "link", "empty", "no_data", "period"}


def humanise(key: str) -> str:
    text = str(key).replace("_", " ").replace("-", " ").strip()
    text = text.replace(" pct", " (%)").replace("percent", "(%)")
    return text[:1].upper() + text[1:]


def fmt(key: str, value) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None:
        return ":"
    if isinstance(value, str):
        return value
    words = str(key).lower().replace("-", "_").split("_")
    if isinstance(value, float) or any(h in words for h in PCT_HINTS):
        return dfe_pct(value)
    if isinstance(value, int):
        return dfe_count(value)
    return str(value)


@dataclass
class Block:
    kind: str  # "figures" | "table" | "chart" | "text"
    title: str = ""
    rows: list = field(default_factory=list)
    columns: list = field(default_factory=list)
    svg: str = ""


def _is_scalar(v) -> bool:
    return v is None or isinstance(v, (str, int, float, bool)) or hasattr(v, "as_tuple")


def _num(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if hasattr(v, "as_tuple"):
        return float(v)
    return None


def to_blocks(data, title: str = "") -> list[Block]:
    """Figures for scalars, a table (and a chart when it has one numeric column) for lists of dicts."""
    if not isinstance(data, dict):
        return []
    blocks: list[Block] = []
    figures = [
        (humanise(k), fmt(k, v))
        for k, v in data.items()
        if _is_scalar(v) and k not in SKIP_KEYS and not str(k).startswith("_")
    ]
    if figures:
        blocks.append(Block("figures", title=title, rows=figures))
    for key, value in data.items():
        if key in SKIP_KEYS or str(key).startswith("_"):
            continue
        if isinstance(value, dict):
            blocks.extend(to_blocks(value, title=humanise(key)))
        elif isinstance(value, list) and value and all(isinstance(r, dict) for r in value):
            # Columns with nothing in any row are left out: they only squeeze the others.
            columns = [c for c in value[0] if c not in SKIP_KEYS and any(r.get(c) not in (None, "") for r in value)]
            rows = [[fmt(c, r.get(c)) for c in columns] for r in value]
            blocks.append(Block("table", title=humanise(key), columns=[humanise(c) for c in columns], rows=rows))
            numeric = [c for c in columns if any(_num(r.get(c)) is not None for r in value)]
            labels = [c for c in columns if c not in numeric]
            if len(numeric) == 1 and labels and 1 < len(value) <= 30:
                items = [(str(r.get(labels[0])), _num(r.get(numeric[0]))) for r in value]
                blocks.append(
                    Block(
                        "chart",
                        title=humanise(key),
                        svg=bar_chart(items, title=f"{humanise(key)}: {humanise(numeric[0])}"),
                    )
                )
        elif isinstance(value, list) and value and all(_is_scalar(v) for v in value):
            blocks.append(
                Block("table", title=humanise(key), columns=[humanise(key)], rows=[[fmt(key, v)] for v in value])
            )
    return blocks


def has_data(data) -> bool:
    """False for None, empty containers, or a dict whose every value is empty or None."""
    if data is None:
        return False
    if isinstance(data, dict):
        if data.get("no_data") or data.get("empty"):
            return False
        return any(
            has_data(v) if isinstance(v, (dict, list)) else v not in (None, "", 0)
            for k, v in data.items()
            if k not in SKIP_KEYS
        )
    if isinstance(data, list):
        return bool(data)
    return True
