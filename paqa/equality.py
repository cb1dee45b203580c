"""Equality monitoring tables: counts of children by a protected characteristic, published only
through the shared small-number suppression (bscp_portal/lib/suppression.py). Pure: no Django imports.

Each table is a characteristic's answers (rows) by an outcome (columns), with row, column and
grand totals. The tables of one source count the same children cut four ways and so share their
column totals: they are suppressed together (`build_linked_tables`), so a total one hides no
other publishes. Counts of 1 to the threshold show as "c", and secondary suppression hides
further cells until no hidden cell can be worked out from the totals.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bscp_portal.lib.suppression import SUPPRESSED, Cell, build_linked_tables, percentage


@dataclass
class EqualityRow:
    label: str
    cells: list[Cell]
    total: Cell
    share: str  # percentage of the grand total, "c" when either is hidden


@dataclass
class EqualityTable:
    title: str
    columns: list[str]
    rows: list[EqualityRow]
    col_totals: list[Cell]
    total: Cell

    @property
    def single_column(self) -> bool:
        return len(self.columns) == 1

    def value(self, row_label: str, column: str) -> Cell:
        row = next(r for r in self.rows if r.label == row_label)
        return row.cells[self.columns.index(column)]

    def row_total(self, row_label: str) -> Cell:
        return next(r for r in self.rows if r.label == row_label).total


def grid(
    counts: Mapping[tuple[object, object], int], rows: Sequence[object], columns: Sequence[object]
) -> list[list[int]]:
    """The counts as a rows x columns grid; anything not counted is 0."""
    return [[counts.get((r, c), 0) for c in columns] for r in rows]


def suppressed_tables(
    specs: Sequence[tuple[str, Sequence[tuple[object, str]], Mapping[tuple[object, object], int]]],
    columns: Sequence[tuple[object, str]],
    *,
    max_small: int,
) -> list[EqualityTable]:
    """One source's tables, always suppressed. `specs`: (title, rows as (code, label), counts by
    (row code, column code)); `columns`: (code, label) shared by every table."""
    col_codes = [c for c, _ in columns]
    grids = [grid(counts, [r for r, _ in rows], col_codes) for _t, rows, counts in specs]
    tables = build_linked_tables(grids, suppress=True, max_small=max_small)
    out = []
    for (title, rows, _counts), table in zip(specs, tables, strict=True):
        out.append(
            EqualityTable(
                title=title,
                columns=[label for _, label in columns],
                rows=[
                    EqualityRow(label=label, cells=cells, total=total, share=percentage(total, table.total))
                    for (_code, label), cells, total in zip(rows, table.rows, table.row_totals, strict=True)
                ],
                col_totals=list(table.col_totals),
                total=table.total,
            )
        )
    return out


__all__ = ["SUPPRESSED", "EqualityRow", "EqualityTable", "grid", "suppressed_tables"]
