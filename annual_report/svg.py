"""Small vector charts for the PDF (SVG), drawn from the same figures as the dashboard. Pure."""

from html import escape

PALETTE = {"GREEN": "#00703c", "AMBER": "#b58900", "RED": "#d4351c", "NOT_RATED": "#6c757d"}
DEFAULT = "#1d3557"


def bar_chart(items: list[tuple[str, float | None]], *, title: str, unit: str = "", width: int = 640) -> str:
    """A horizontal bar chart: one labelled bar per item; None values are shown as "no data"."""
    row, label_w, pad = 26, 230, 8
    height = pad * 2 + 30 + row * max(1, len(items))
    numbers = [v for _, v in items if isinstance(v, (int, float))]
    top = max(numbers) if numbers else 1
    top = top or 1
    bar_w = width - label_w - 80
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="18" font-size="13" font-weight="bold" fill="#0b0c0c">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(items):
        y = 30 + pad + i * row
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" font-size="11" text-anchor="end" fill="#0b0c0c">{escape(str(label)[:40])}</text>'
        )
        if isinstance(value, (int, float)):
            w = max(1, int(bar_w * value / top)) if value > 0 else 0
            colour = PALETTE.get(str(label).upper().replace(" ", "_"), DEFAULT)
            parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row - 8}" fill="{colour}"/>')
            text = f"{value:g}{unit}"
        else:
            text = "no data" if value is None else str(value)
            w = 0
        parts.append(f'<text x="{label_w + w + 6}" y="{y + 15}" font-size="11" fill="#0b0c0c">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)
