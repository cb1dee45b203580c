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


def _nice_step(span: float) -> float:
    """A round step giving four to eight gridlines over `span`."""
    import math

    if span <= 0:
        return 1.0
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def run_chart(
    *,
    title: str,
    points: list[tuple[str, float, str]],
    mean: float | None = None,
    lower: float | None = None,
    upper: float | None = None,
    target: float | None = None,
    stretch_from: int = 0,
    suffix: str = "",
    width: int = 640,
    height: int = 190,
) -> str:
    """An SPC run chart: the points (label, value, colour) joined in grey, each in its colour; the
    mean (solid) and process limits (dashed) over the latest stretch; the target in red dashes."""
    left, right, top, bottom = 52, 96, 26, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _, v, _ in points]
    levels = [x for x in (mean, lower, upper, target) if x is not None]
    lo, hi = min(values + levels), max(values + levels)
    step = _nice_step((hi - lo) or abs(hi) or 1)
    y0 = (lo // step) * step
    y1 = y0 + step * max(1, -(-(hi - y0) // step))

    def y(v: float) -> float:
        return top + plot_h - (v - y0) / (y1 - y0) * plot_h

    n = len(points)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def num(v: float) -> str:
        return f"{v:,.1f}".rstrip("0").rstrip(".") + suffix

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<text x="0" y="14" font-size="12" font-weight="bold" fill="#0b0c0c">{escape(title)}</text>',
    ]
    tick = y0
    while tick <= y1 + step / 1000:
        parts.append(f'<line x1="{left}" y1="{y(tick):.1f}" x2="{left + plot_w}" y2="{y(tick):.1f}" stroke="#e5e6e7"/>')
        parts.append(
            f'<text x="{left - 5}" y="{y(tick) + 3.5:.1f}" font-size="9.5" text-anchor="end" fill="#505a5f">{escape(num(tick))}</text>'
        )
        tick += step
    every = max(1, -(-n // 9))
    for i, (label, _, _) in enumerate(points):
        if (n - 1 - i) % every == 0:
            parts.append(
                f'<text x="{x(i):.1f}" y="{top + plot_h + 15}" font-size="9.5" text-anchor="middle" fill="#505a5f">{escape(label)}</text>'
            )
    a, b = x(min(stretch_from, n - 1)), x(n - 1)
    labels = []
    for level, name, colour, dash in (
        (upper, "Upper limit", "#6f777b", "5 3"),
        (mean, "Mean", "#505a5f", ""),
        (lower, "Lower limit", "#6f777b", "5 3"),
        (target, "Target", "#d4351c", "2 2"),
    ):
        if level is None:
            continue
        start = left if name == "Target" else a
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{start:.1f}" y1="{y(level):.1f}" x2="{b:.1f}" y2="{y(level):.1f}" stroke="{colour}" stroke-width="1.2"{dashed}/>'
        )
        labels.append([y(level) + 3.5, colour, f"{name} {num(level)}"])
    # Labels beside the lines, pushed apart where two lines lie close together.
    labels.sort()
    for prev, cur in zip(labels, labels[1:], strict=False):
        cur[0] = max(cur[0], prev[0] + 11)
    for ty, colour, text in labels:
        parts.append(
            f'<text x="{left + plot_w + 6}" y="{ty:.1f}" font-size="9.5" fill="{colour}">{escape(text)}</text>'
        )
    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v, _) in enumerate(points))
    parts.append(f'<polyline points="{line}" fill="none" stroke="#7b7d7d" stroke-width="1.3"/>')
    for i, (_, v, colour) in enumerate(points):
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>')
    parts.append("</svg>")
    return "".join(parts)
