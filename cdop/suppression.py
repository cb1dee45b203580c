"""Small-number suppression for published child death statistics. Pure: no Django imports.

The DfE convention: a count from 1 to the threshold (5 by default) is shown as "c". That alone
is not enough when totals are shown: a single hidden cell in a row could be worked out by
subtracting the visible cells from the row total. So after this *primary* suppression, further
cells are hidden (*secondary* suppression) until no hidden cell can be derived, by any sum or
difference of the published row, column and grand totals and visible cells, from what is shown.

A table here is a grid of counts with its row totals, column totals and grand total. The check
is exact linear algebra over the hidden cells (fractions, no floating point): a hidden cell is
recoverable when the published equations fix its value, that is when its unit vector lies in
the row space of the equations restricted to the hidden cells.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

SUPPRESSED = "c"
NOT_APPLICABLE = "z"

Cell = int | str


@dataclass(frozen=True)
class Table:
    """A published table: interior cells, row totals, column totals and the grand total, each a
    count or "c"."""

    rows: list[list[Cell]]
    row_totals: list[Cell]
    col_totals: list[Cell]
    total: Cell
    suppressed: bool

    def cell(self, r: int, c: int) -> Cell:
        return self.rows[r][c]


def is_small(value: int, max_small: int) -> bool:
    """Primary suppression: counts from 1 to `max_small` inclusive; zero is shown."""
    return 1 <= value <= max_small


def _extended(counts: Sequence[Sequence[int]]) -> list[list[int]]:
    """The grid with a row-total column and a column-total row added (grand total bottom right)."""
    n_cols = len(counts[0]) if counts else 0
    grid = [[*row, sum(row)] for row in counts]
    col_totals = [sum(row[c] for row in counts) for c in range(n_cols)]
    grid.append([*col_totals, sum(col_totals)])
    return grid


def _equations(n_rows: int, n_cols: int) -> list[dict[tuple[int, int], int]]:
    """The published additive equations of an extended (n_rows+1) x (n_cols+1) grid, each as
    {cell: coefficient} with the equation equal to zero: a line's parts minus its total."""
    eqs = []
    for r in range(n_rows + 1):
        eq = {(r, c): 1 for c in range(n_cols)}
        eq[(r, n_cols)] = -1
        eqs.append(eq)
    for c in range(n_cols + 1):
        eq = {(r, c): 1 for r in range(n_rows)}
        eq[(n_rows, c)] = -1
        eqs.append(eq)
    return eqs


def recoverable(hidden: set[tuple[int, int]], n_rows: int, n_cols: int) -> set[tuple[int, int]]:
    """The hidden cells of an extended grid whose value the published equations determine.

    Each equation, with the visible cells moved to the right-hand side, is a linear equation
    in the hidden cells. Reduce them to row echelon form: a hidden cell is determined exactly
    when its reduced row has no other non-zero entry.
    """
    unknowns = sorted(hidden)
    if not unknowns:
        return set()
    index = {cell: i for i, cell in enumerate(unknowns)}
    matrix = []
    for eq in _equations(n_rows, n_cols):
        row = [Fraction(0)] * len(unknowns)
        for cell, coef in eq.items():
            if cell in index:
                row[index[cell]] = Fraction(coef)
        if any(row):
            matrix.append(row)
    pivots = []
    lead = 0
    for col in range(len(unknowns)):
        pivot_row = next((r for r in range(lead, len(matrix)) if matrix[r][col] != 0), None)
        if pivot_row is None:
            continue
        matrix[lead], matrix[pivot_row] = matrix[pivot_row], matrix[lead]
        factor = matrix[lead][col]
        matrix[lead] = [v / factor for v in matrix[lead]]
        for r in range(len(matrix)):
            if r != lead and matrix[r][col] != 0:
                f = matrix[r][col]
                matrix[r] = [a - f * b for a, b in zip(matrix[r], matrix[lead], strict=True)]
        pivots.append(col)
        lead += 1
        if lead == len(matrix):
            break
    determined = set()
    for row_no, col in enumerate(pivots):
        if sum(1 for v in matrix[row_no] if v != 0) == 1:
            determined.add(unknowns[col])
    return determined


def suppression_pattern(counts: Sequence[Sequence[int]], *, max_small: int) -> set[tuple[int, int]]:
    """The cells of the extended grid (interior, totals) to hide.

    Primary: every count from 1 to `max_small`, totals included. Secondary: while any hidden
    cell is recoverable, hide one more cell on the same row or column as it: an interior cell
    before a total, a non-zero count before a zero, the smallest first (the least information
    lost); if its lines have no visible cell left, the smallest visible cell anywhere.
    """
    grid = _extended(counts)
    n_rows, n_cols = len(counts), (len(counts[0]) if counts else 0)
    hidden = {(r, c) for r, line in enumerate(grid) for c, v in enumerate(line) if is_small(v, max_small)}

    def preference(cell):
        r, c = cell
        margin = r == n_rows or c == n_cols
        return (margin, grid[r][c] == 0, grid[r][c], r, c)

    while True:
        exposed = recoverable(hidden, n_rows, n_cols)
        if not exposed:
            return hidden
        r0, c0 = min(exposed)
        line = [(r0, c) for c in range(n_cols + 1)] + [(r, c0) for r in range(n_rows + 1)]
        candidates = [cell for cell in line if cell not in hidden]
        if not candidates:
            candidates = [(r, c) for r in range(n_rows + 1) for c in range(n_cols + 1) if (r, c) not in hidden]
        hidden.add(min(candidates, key=preference))


def build_table(counts: Sequence[Sequence[int]], *, suppress: bool, max_small: int = 5) -> Table:
    """The table as published: suppressed for anyone but the panel, exact for the panel."""
    grid = _extended(counts)
    n_rows, n_cols = len(counts), (len(counts[0]) if counts else 0)
    hidden = suppression_pattern(counts, max_small=max_small) if suppress else set()
    shown: list[list[Cell]] = [
        [SUPPRESSED if (r, c) in hidden else v for c, v in enumerate(line)] for r, line in enumerate(grid)
    ]
    return Table(
        rows=[line[:n_cols] for line in shown[:n_rows]],
        row_totals=[line[n_cols] for line in shown[:n_rows]],
        col_totals=shown[n_rows][:n_cols],
        total=shown[n_rows][n_cols],
        suppressed=suppress,
    )


def suppress_count(value: int, *, suppress: bool, max_small: int = 5) -> Cell:
    """One stand-alone count (no totals published beside it)."""
    return SUPPRESSED if suppress and is_small(value, max_small) else value


def percentage(numerator: Cell, denominator: Cell, places: int = 1) -> str:
    """A percentage to `places` decimal places (half up, as the DfE rounds).

    "c" when the numerator or the denominator is suppressed (either would give the other away);
    "z" (not applicable) when the denominator is zero.
    """
    if numerator == SUPPRESSED or denominator == SUPPRESSED:
        return SUPPRESSED
    if not denominator:
        return NOT_APPLICABLE
    value = Decimal(numerator) * 100 / Decimal(denominator)
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
