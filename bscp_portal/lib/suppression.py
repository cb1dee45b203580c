"""Small-number suppression for every published table (child deaths, equality monitoring,
workforce, training): one rule, used by every strand. Pure: no Django imports.

The DfE convention: a count from 1 to the threshold (5 by default) is shown as "c". That alone
is not enough when totals are shown: a single hidden cell in a row could be worked out by
subtracting the visible cells from the row total. So after this *primary* suppression, further
cells are hidden (*secondary* suppression) until no hidden cell can be derived, by any sum or
difference of the published row, column and grand totals and visible cells, from what is shown.

A table here is a grid of counts with its row totals, column totals and grand total. A hidden
cell is recoverable when the published equations fix its value (see `recoverable`).
"""

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from bscp_portal.lib.rounding import percent, round_half_up

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


def recoverable(hidden: set[tuple[int, int]], n_rows: int, n_cols: int) -> set[tuple[int, int]]:
    """The hidden cells of an extended grid whose value the published equations determine.

    Flip the sign of the total row and the total column and every published equation says
    "this line sums to a known number". Seen as a graph with a node per line (row or column)
    and an edge per hidden cell joining its row to its column, each equation fixes the sum of
    the edges at a node. The unknown parts of the solutions are exactly the alternating sums
    round cycles (the graph is bipartite, so every cycle is even), so a hidden cell's value is
    fixed precisely when its edge lies on no cycle: when it is a bridge. Tarjan's bridge
    search finds them in linear time. (cdop/tests/test_suppression.py checks this against
    plain linear algebra on every table it generates.)
    """
    adjacency: dict[tuple[str, int], list[tuple[tuple[str, int], tuple[int, int]]]] = {}
    for r, c in hidden:
        adjacency.setdefault(("r", r), []).append((("c", c), (r, c)))
        adjacency.setdefault(("c", c), []).append((("r", r), (r, c)))
    order: dict[tuple[str, int], int] = {}
    low: dict[tuple[str, int], int] = {}
    bridges: set[tuple[int, int]] = set()

    def visit(node, via_edge):
        order[node] = low[node] = len(order)
        for neighbour, edge in adjacency[node]:
            if edge == via_edge:
                continue
            if neighbour in order:
                low[node] = min(low[node], order[neighbour])
            else:
                visit(neighbour, edge)
                low[node] = min(low[node], low[neighbour])
                if low[neighbour] > order[node]:
                    bridges.add(edge)

    for node in sorted(adjacency):
        if node not in order:
            visit(node, None)
    return bridges


def _lines(n_rows: int, n_cols: int):
    """Every published line of the extended grid as (its cells, its total cell)."""
    for r in range(n_rows + 1):
        yield [(r, c) for c in range(n_cols)], (r, n_cols)
    for c in range(n_cols + 1):
        yield [(r, c) for r in range(n_rows)], (n_rows, c)


def small_hidden_sums(grid, hidden, max_small: int) -> list[list[tuple[int, int]]]:
    """Lines whose total is shown while their hidden cells add up to 1..`max_small`: the
    subtraction would publish that small sum (two hidden cells known to total 2, say)."""
    n_rows, n_cols = len(grid) - 1, len(grid[0]) - 1
    found = []
    for cells, total in _lines(n_rows, n_cols):
        if total in hidden:
            continue
        hidden_sum = sum(grid[r][c] for r, c in cells if (r, c) in hidden)
        if 1 <= hidden_sum <= max_small:
            found.append(cells)
    return found


def suppression_pattern(
    counts: Sequence[Sequence[int]], *, max_small: int, also_hide: frozenset[tuple[int, int]] = frozenset()
) -> set[tuple[int, int]]:
    """The cells of the extended grid (interior, totals) to hide.

    Primary: every count from 1 to `max_small`, totals included, and any cell in `also_hide`
    (a total hidden in a linked table that publishes the same number).

    Secondary, repeated until neither applies:
      - a hidden cell is recoverable (a bridge, see `recoverable`): hide the cheapest path of
        visible cells that closes a cycle through it, so it can no longer be solved for;
      - a line with a shown total has hidden cells adding up to a small number: hide its
        cheapest visible cell as well.
    "Cheapest" loses the least: a non-zero count costs its value, a zero costs more (a hidden
    zero beside a small count narrows the count down) and a total costs most.
    """
    grid = _extended(counts)
    n_rows, n_cols = len(counts), (len(counts[0]) if counts else 0)
    hidden = {(r, c) for r, line in enumerate(grid) for c, v in enumerate(line) if is_small(v, max_small)}
    hidden |= set(also_hide)

    def cost(cell) -> int:
        if cell in hidden:
            return 0
        r, c = cell
        if r == n_rows or c == n_cols:
            return 10_000_000 + grid[r][c]
        return 1_000_000 if grid[r][c] == 0 else grid[r][c]

    def close_cycle(bridge) -> list[tuple[int, int]]:
        """The cheapest path from the bridge's row to its column through other cells."""
        r0, c0 = bridge
        start, goal = ("r", r0), ("c", c0)
        best = {start: 0}
        back: dict = {}
        queue = [(0, start)]
        while queue:
            dist, node = heapq.heappop(queue)
            if node == goal:
                break
            if dist > best.get(node, dist):
                continue
            kind, i = node
            if kind == "r":
                steps = [(("c", c), (i, c)) for c in range(n_cols + 1)]
            else:
                steps = [(("r", r), (r, i)) for r in range(n_rows + 1)]
            for nxt, cell in steps:
                if cell == bridge:
                    continue
                d = dist + cost(cell)
                if d < best.get(nxt, float("inf")):
                    best[nxt] = d
                    back[nxt] = (node, cell)
                    heapq.heappush(queue, (d, nxt))
        path, node = [], goal
        while node != start:
            node, cell = back[node]
            path.append(cell)
        return [cell for cell in path if cell not in hidden]

    while True:
        exposed = recoverable(hidden, n_rows, n_cols)
        if exposed:
            hidden.update(close_cycle(min(exposed)))
            continue
        lines = small_hidden_sums(grid, hidden, max_small)
        if lines:
            visible = [cell for cell in lines[0] if cell not in hidden]
            hidden.add(min(visible, key=lambda cell: (cost(cell), cell)))
            continue
        return hidden


def build_table(
    counts: Sequence[Sequence[int]],
    *,
    suppress: bool,
    max_small: int = 5,
    hide_col_totals: frozenset[int] = frozenset(),
    hide_total: bool = False,
) -> Table:
    """The table as published: suppressed for anyone but the panel, exact for the panel.

    `hide_col_totals` (column indexes) and `hide_total` force totals hidden that a linked table
    publishing the same totals had to hide (see `build_linked_tables`).
    """
    grid = _extended(counts)
    n_rows, n_cols = len(counts), (len(counts[0]) if counts else 0)
    forced = frozenset({(n_rows, c) for c in hide_col_totals} | ({(n_rows, n_cols)} if hide_total else set()))
    hidden = suppression_pattern(counts, max_small=max_small, also_hide=forced) if suppress else set()
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


def build_linked_tables(grids: Sequence[Sequence[Sequence[int]]], *, suppress: bool, max_small: int = 5) -> list[Table]:
    """Tables that share their column totals (the same deaths by year, cut two ways).

    A column total hidden in one must be hidden in all, or the other table would publish it
    and undo the protection; repeat until every table hides the same totals.
    """
    hide_cols: frozenset[int] = frozenset()
    hide_total = False
    while True:
        tables = [
            build_table(g, suppress=suppress, max_small=max_small, hide_col_totals=hide_cols, hide_total=hide_total)
            for g in grids
        ]
        cols = frozenset(c for t in tables for c, v in enumerate(t.col_totals) if v == SUPPRESSED)
        total = any(t.total == SUPPRESSED for t in tables)
        if cols == hide_cols and total == hide_total:
            return tables
        hide_cols, hide_total = cols, total


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
    return str(percent(numerator, denominator, places))


def rate(numerator: Cell, population: int | None, *, per: int = 100_000, places: int = 1) -> str:
    """A rate per `per` (100,000) of the population, to `places` decimal places (half up).

    "c" when the count is suppressed: a rate and a published population give the count back, so
    a rate is shown only where its count is. "z" (not applicable) when there is no population.
    """
    if numerator == SUPPRESSED:
        return SUPPRESSED
    if not population:
        return NOT_APPLICABLE
    return str(round_half_up(Decimal(numerator) * per / Decimal(population), places))


def _eliminate(target: dict[int, Fraction], pivot: int, row: dict[int, Fraction]) -> None:
    """Take from `target`, in place, the multiple of `row` (which has a 1 at `pivot`) that
    clears `pivot`; coefficients that fall to nothing are dropped."""
    factor = target.get(pivot)
    if factor:
        for k, v in row.items():
            target[k] = target.get(k, 0) - factor * v
            if not target[k]:
                del target[k]


class Span:
    """The figures a reader can work out from published sums: the linear span of their vectors
    over the underlying counts, kept fully reduced (exact arithmetic). A vector is a dict
    {count index: coefficient}; a published figure's vector has a 1 for each count it adds up."""

    def __init__(self):
        self.basis: dict[int, dict[int, Fraction]] = {}  # pivot -> row with a 1 there, 0 at other pivots

    def reduce(self, vector: dict[int, Fraction]) -> dict[int, Fraction]:
        """What is left of `vector` outside the span (empty when a reader can work it out)."""
        out = dict(vector)
        for pivot in [k for k in out if k in self.basis]:
            _eliminate(out, pivot, self.basis[pivot])
        return out

    def add_reduced(self, rest: dict[int, Fraction]) -> int:
        """Add a vector already reduced (non-empty); returns its pivot."""
        pivot = min(rest)
        row = {k: v / rest[pivot] for k, v in rest.items()}
        for other in self.basis.values():
            _eliminate(other, pivot, row)
        self.basis[pivot] = row
        return pivot

    def add(self, vector: dict[int, Fraction]) -> None:
        rest = self.reduce(vector)
        if rest:
            self.add_reduced(rest)


def _multiple(a: dict[int, Fraction], b: dict[int, Fraction]) -> bool:
    """Whether a = k x b for some k (both non-empty)."""
    if a.keys() != b.keys():
        return False
    k = next(iter(b))
    ratio = a[k] / b[k]
    return all(a[i] == ratio * b[i] for i in b)


def guarded_sums(
    candidates: Sequence[tuple[dict[int, Fraction], int]],
    *,
    shown: Sequence[dict[int, Fraction]],
    hidden: Sequence[dict[int, Fraction]],
    max_small: int = 5,
) -> list[Cell]:
    """Further sums (such as three years pooled) beside figures already published: each is shown
    only when it is not small and no hidden figure, nor an earlier hidden sum, could then be worked
    out from everything shown. `shown`/`hidden`: the vectors of the published and hidden figures."""
    span = Span()
    for v in shown:
        span.add(v)
    residues = [r for r in (span.reduce(h) for h in hidden) if r]
    out: list[Cell] = []
    for vector, value in candidates:
        rest = span.reduce(vector)
        if is_small(value, max_small) or (rest and any(_multiple(r, rest) for r in residues)):
            out.append(SUPPRESSED)
            if rest:
                residues.append(rest)
            continue
        if not rest:  # a reader can already work it out: showing it gives nothing away
            out.append(value)
            continue
        pivot = span.add_reduced(rest)
        row = span.basis[pivot]
        for r in residues:
            _eliminate(r, pivot, row)
        out.append(value)
    return out
