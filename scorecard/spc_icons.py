"""Making Data Count's variation and assurance icons, drawn as small SVG files. Pure.

Our own drawings after MDC's published design: a ring in the verdict's colour around a little
run of points. Variation: common cause grey (points level, all grey); special cause improvement
blue and concern orange, with the last points raised ("H", high) or lowered ("L", low) in that
colour; special cause on an indicator with no preferred direction purple. Assurance: a ring
around points and a target line; consistently passing blue "P", consistently failing orange
"F", hit and miss grey "?". The files under scorecard/static/scorecard/icons/ are written by
`python -m scorecard.spc_icons` from this module, and a test keeps them equal to it.
"""

from scorecard.spc import COLOURS, Assurance, Variation

GREY = COLOURS["common_cause"]
ASSURANCE_COLOURS = {"pass": COLOURS["improvement"], "fail": COLOURS["concern"], "hit_and_miss": GREY}
ASSURANCE_LETTERS = {"pass": "P", "fail": "F", "hit_and_miss": "?"}
#: Points against the dashed target line (y grows downwards): clear of it on the good side, clear
#: of it on the bad side, or either side of it.
ASSURANCE_POINTS = {
    "pass": [18, 16, 17, 15, 17, 16, 18],
    "fail": [29, 30, 28, 29, 31, 29, 30],
    "hit_and_miss": [19, 28, 21, 29, 20, 27, 22],
}


def _svg(title: str, colour: str, body: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40" role="img">'
        f"<title>{title}</title>"
        f'<circle cx="20" cy="20" r="17.5" fill="#ffffff" stroke="{colour}" stroke-width="3"/>'
        f"{body}</svg>\n"
    )


def _dots(ys: list[float], colours: list[str]) -> str:
    xs = [9 + 3.7 * i for i in range(len(ys))]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.7" fill="{c}"/>' for x, y, c in zip(xs, ys, colours, strict=True)
    )
    return f'<polyline points="{line}" fill="none" stroke="{GREY}" stroke-width="0.8"/>{dots}'


def _letter(text: str, colour: str, y: float) -> str:
    return (
        f'<text x="20" y="{y}" text-anchor="middle" font-family="Arial, sans-serif" font-size="9" '
        f'font-weight="bold" fill="{colour}">{text}</text>'
    )


def variation_svg(variation: Variation) -> str:
    """The variation icon for a verdict."""
    if variation is Variation.COMMON_CAUSE:
        return _svg(variation.label, GREY, _dots([21, 18, 22, 19, 21, 18, 20], [GREY] * 7))
    colour = COLOURS[variation.kind]
    high = variation.side == "high"
    ys = [24, 25, 23, 18, 16, 15, 14] if high else [16, 15, 17, 22, 24, 25, 26]
    # The letter sits on the side away from the run of points.
    return _svg(
        variation.label,
        colour,
        _dots(ys, [GREY] * 3 + [colour] * 4) + _letter("H" if high else "L", colour, 33 if high else 12),
    )


def assurance_svg(assurance: Assurance) -> str:
    """The assurance icon for a verdict."""
    colour = ASSURANCE_COLOURS[assurance.value]
    target = f'<line x1="5" y1="24" x2="35" y2="24" stroke="{colour}" stroke-width="1.4" stroke-dasharray="2.5 1.5"/>'
    ys = ASSURANCE_POINTS[assurance.value]
    return _svg(
        assurance.label,
        colour,
        target + _dots(ys, [GREY] * 7) + _letter(ASSURANCE_LETTERS[assurance.value], colour, 13),
    )


def variation_file(variation: Variation) -> str:
    """Its static path, e.g. "scorecard/icons/variation-improvement_high.svg"."""
    return f"scorecard/icons/variation-{variation.value}.svg"


def assurance_file(assurance: Assurance) -> str:
    return f"scorecard/icons/assurance-{assurance.value}.svg"


def all_icons() -> dict[str, str]:
    """Every icon by its static path."""
    icons = {variation_file(v): variation_svg(v) for v in Variation}
    icons.update({assurance_file(a): assurance_svg(a) for a in Assurance})
    return icons


if __name__ == "__main__":
    from pathlib import Path

    static = Path(__file__).parent / "static"
    for path, svg in all_icons().items():
        (static / path).parent.mkdir(parents=True, exist_ok=True)
        (static / path).write_text(svg)
