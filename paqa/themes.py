"""Recurring themes across strands, side by side: a pure table builder (no Django imports)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ThemeCell:
    records: int | str  # a count, or "c" where a restricted strand suppresses a small one
    actions: int
    done: int
    overdue: int


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    cells: list[ThemeCell | None]  # one per strand, None where the theme does not appear
    strands: int  # how many strands it appears in
    actions: int
    done: int
    overdue: int

    @property
    def all_done(self) -> bool:
        return bool(self.actions) and self.done == self.actions


def theme_rows(themes: list[tuple[int, str]], counts: list[dict]) -> list[ThemeRow]:
    """One row per theme that appears anywhere, with a cell per strand (`counts` in strand
    order, each {theme id: cell}). Themes recurring in most strands come first, then the most
    records where every count is shown (a suppressed "c" is never added into anything)."""
    rows = []
    for theme_id, name in themes:
        cells = [strand.get(theme_id) for strand in counts]
        present = [c for c in cells if c is not None and c.records not in (0, "")]
        if not present:
            continue
        rows.append(
            ThemeRow(
                theme=name,
                cells=[c if c is not None and c.records not in (0, "") else None for c in cells],
                strands=len(present),
                actions=sum(c.actions for c in present),
                done=sum(c.done for c in present),
                overdue=sum(c.overdue for c in present),
            )
        )
    shown = {id(r): sum(c.records for c in r.cells if c is not None and isinstance(c.records, int)) for r in rows}
    return sorted(rows, key=lambda r: (-r.strands, -shown[id(r)], r.theme))
