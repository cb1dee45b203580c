"""Small-number suppression: primary, secondary against recovery by subtraction, percentages.

The exhaustive tests generate every table of a few small shapes and check each published table
with an independent method (numpy rank, and the plain "one hidden cell in a line" test)."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bscp_portal.lib.suppression import SUPPRESSED, build_table, percentage, suppress_count

MAX = 5


def extended(table):
    """The published grid with totals, as rows of cells."""
    grid = [[*row, total] for row, total in zip(table.rows, table.row_totals, strict=True)]
    grid.append([*table.col_totals, table.total])
    return grid


def true_grid(counts):
    grid = [[*row, sum(row)] for row in counts]
    cols = [sum(r[c] for r in counts) for c in range(len(counts[0]))]
    grid.append([*cols, sum(cols)])
    return grid


def lines(n_rows, n_cols):
    """Every published additive line of the extended grid: a row with its total, a column with its total."""
    for r in range(n_rows + 1):
        yield [(r, c) for c in range(n_cols + 1)]
    for c in range(n_cols + 1):
        yield [(r, c) for r in range(n_rows + 1)]


def hidden_cells(grid):
    return [(r, c) for r, line in enumerate(grid) for c, v in enumerate(line) if v == SUPPRESSED]


def derivable_by_linear_algebra(grid, n_rows, n_cols):
    """Hidden cells fixed by the published equations (independent check with numpy ranks)."""
    hidden = hidden_cells(grid)
    if not hidden:
        return []
    index = {cell: i for i, cell in enumerate(hidden)}
    rows = []
    for line in lines(n_rows, n_cols):
        total = line[-1]
        vec = np.zeros(len(hidden))
        for cell in line[:-1]:
            if cell in index:
                vec[index[cell]] += 1
        if total in index:
            vec[index[total]] -= 1
        rows.append(vec)
    a = np.array(rows)
    rank = np.linalg.matrix_rank(a)
    found = []
    for cell, i in index.items():
        unit = np.zeros(len(hidden))
        unit[i] = 1
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            found.append(cell)
    return found


def check(counts):
    table = build_table(counts, suppress=True, max_small=MAX)
    grid = extended(table)
    truth = true_grid(counts)
    n_rows, n_cols = len(counts), len(counts[0])
    for r, line in enumerate(grid):
        for c, shown in enumerate(line):
            if shown == SUPPRESSED:
                continue
            # Every visible figure is true, and no small count is visible.
            assert shown == truth[r][c], (counts, r, c)
            assert not 1 <= shown <= MAX, f"small count {shown} visible in {counts}"
    # No line has exactly one hidden cell: nothing recoverable by subtraction from one line.
    for line in lines(n_rows, n_cols):
        hidden_in_line = [cell for cell in line if grid[cell[0]][cell[1]] == SUPPRESSED]
        assert len(hidden_in_line) != 1, f"{hidden_in_line} recoverable from its line in {counts}: {grid}"
    # Nor from any combination of lines.
    assert derivable_by_linear_algebra(grid, n_rows, n_cols) == [], (counts, grid)
    # Nor does subtraction publish a small sum of hidden cells (two hidden cells totalling 2).
    for line in lines(n_rows, n_cols):
        *parts, total = line
        if grid[total[0]][total[1]] == SUPPRESSED:
            continue
        hidden_sum = sum(truth[r][c] for r, c in parts if grid[r][c] == SUPPRESSED)
        assert not 1 <= hidden_sum <= MAX, f"hidden cells of {line} add up to {hidden_sum} in {counts}: {grid}"


def test_it_shows_zero_and_counts_above_the_threshold():
    table = build_table([[0, 6], [7, 8]], suppress=True, max_small=MAX)
    assert table.rows == [[0, 6], [7, 8]]
    assert table.row_totals == [6, 15]
    assert table.col_totals == [7, 14]
    assert table.total == 21


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_it_suppresses_counts_from_one_to_the_threshold(value):
    assert suppress_count(value, suppress=True, max_small=5) == SUPPRESSED


@pytest.mark.parametrize("value", [0, 6, 7, 100])
def test_it_shows_zero_and_six_upwards(value):
    assert suppress_count(value, suppress=True, max_small=5) == value


def test_the_threshold_is_a_parameter():
    assert suppress_count(6, suppress=True, max_small=10) == SUPPRESSED
    assert suppress_count(3, suppress=True, max_small=2) == 3


def test_panel_members_see_exact_figures():
    table = build_table([[1, 2], [3, 40]], suppress=False, max_small=MAX)
    assert table.rows == [[1, 2], [3, 40]]
    assert table.total == 46
    assert suppress_count(2, suppress=False) == 2


def test_a_single_small_cell_in_a_row_hides_a_second_cell_in_that_row():
    table = build_table([[3, 10, 20], [12, 14, 16]], suppress=True, max_small=MAX)
    assert table.rows[0][0] == SUPPRESSED
    # Row 0 total 33 is shown, so another cell in row 0 must be hidden (the smaller, 10);
    # column 0 total 15 is shown, so another cell in column 0 must be hidden too (12).
    assert table.rows[0][1] == SUPPRESSED
    assert table.rows[1][0] == SUPPRESSED
    check([[3, 10, 20], [12, 14, 16]])


def test_two_small_cells_are_not_left_to_add_up_to_a_small_number():
    table = build_table([[1, 1, 10], [8, 9, 12]], suppress=True, max_small=MAX)
    assert table.rows[0][:2] == [SUPPRESSED, SUPPRESSED]
    assert table.rows[0][2] == SUPPRESSED or table.row_totals[0] == SUPPRESSED  # else 12 - 10 = 2 = 1 + 1


def test_a_rectangle_is_enough_in_a_two_row_table():
    # One small count: hiding it, its column partner and the cheapest pair beside them closes
    # the cycle; the rest of the table stays published.
    table = build_table([[16, 18, 14, 16, 8], [5, 8, 9, 9, 6]], suppress=True, max_small=MAX)
    hidden = [(r, c) for r in range(2) for c in range(5) if table.rows[r][c] == SUPPRESSED]
    assert len(hidden) == 4
    assert table.col_totals == [21, 26, 23, 25, 14]


def test_a_small_total_is_suppressed():
    table = build_table([[2, 0], [10, 9]], suppress=True, max_small=MAX)
    assert table.row_totals[0] == SUPPRESSED


@pytest.mark.parametrize("values", [(0, 1, 6, 7), (0, 3, 8)])
def test_every_2x2_table_over_small_and_large_values_is_safe(values):
    for cells in itertools.product(values, repeat=4):
        check([list(cells[:2]), list(cells[2:])])


def test_every_2x2_table_of_counts_0_to_7_is_safe():
    for cells in itertools.product(range(8), repeat=4):
        check([list(cells[:2]), list(cells[2:])])


def test_every_2x3_table_over_five_values_is_safe():
    for cells in itertools.product((0, 1, 5, 6, 9), repeat=6):
        check([list(cells[:3]), list(cells[3:])])


def test_every_3x3_table_over_three_values_is_safe():
    for cells in itertools.product((0, 2, 7), repeat=9):
        check([list(cells[0:3]), list(cells[3:6]), list(cells[6:9])])


def test_every_single_row_table_is_safe():
    for n in (1, 2, 3, 4):
        for cells in itertools.product((0, 1, 6), repeat=n):
            check([list(cells)])


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=10).flatmap(
        lambda rows: st.lists(
            st.lists(st.integers(min_value=0, max_value=12), min_size=4, max_size=4), min_size=rows, max_size=rows
        )
    )
)
def test_larger_random_tables_are_safe(counts):
    check(counts)


def test_percentage_rounds_half_up_to_one_place():
    assert percentage(1, 8) == "12.5"
    assert percentage(1, 16) == "6.3"
    assert percentage(2, 3) == "66.7"
    assert percentage(7, 7) == "100.0"


def test_percentage_with_a_suppressed_numerator_is_suppressed():
    assert percentage(SUPPRESSED, 40) == SUPPRESSED


def test_percentage_with_a_suppressed_denominator_is_suppressed():
    assert percentage(7, SUPPRESSED) == SUPPRESSED


def test_percentage_of_nothing_is_not_applicable():
    assert percentage(0, 0) == "z"


def test_linked_tables_hide_the_same_totals():
    from bscp_portal.lib.suppression import build_linked_tables

    # Two cuts of the same deaths by year: the second year's total (4) is small in both, and
    # in the first cut a secondary suppression also hides... whatever one hides, both hide.
    by_expectation = [[10, 3, 12], [9, 1, 8]]
    by_age = [[6, 2, 10], [7, 1, 5], [6, 1, 5]]
    first, second = build_linked_tables([by_expectation, by_age], suppress=True, max_small=5)
    hidden_first = [i for i, v in enumerate(first.col_totals) if v == SUPPRESSED]
    hidden_second = [i for i, v in enumerate(second.col_totals) if v == SUPPRESSED]
    assert hidden_first == hidden_second and 1 in hidden_first
    assert (first.total == SUPPRESSED) == (second.total == SUPPRESSED)


def test_a_total_forced_hidden_is_protected_like_any_other():
    table = build_table([[10, 12], [9, 8]], suppress=True, max_small=5, hide_col_totals=frozenset({0}))
    assert table.col_totals[0] == SUPPRESSED
    # A single hidden total would be the sum of its visible column: more must go.
    assert sum(1 for v in [table.rows[0][0], table.rows[1][0], table.col_totals[0]] if v == SUPPRESSED) >= 2


def _v(*cells):
    from fractions import Fraction

    return {c: Fraction(1) for c in cells}


def test_a_pooled_sum_that_would_give_a_hidden_year_away_is_hidden():
    from bscp_portal.lib.suppression import guarded_sums

    # Three years of one row: 7 and 9 shown, the third (3) hidden. 7 + 9 + 3 = 19 would give it away.
    out = guarded_sums([(_v(0, 1, 2), 19)], shown=[_v(0), _v(1)], hidden=[_v(2)], max_small=5)
    assert out == ["c"]


def test_a_pooled_sum_over_two_hidden_years_is_shown_when_neither_can_be_worked_out():
    from bscp_portal.lib.suppression import guarded_sums

    # Years 1 and 2 hidden (3 and 4): their sum 7 does not fix either one.
    out = guarded_sums([(_v(0, 1, 2), 14)], shown=[_v(0)], hidden=[_v(1), _v(2)], max_small=5)
    assert out == [14]


def test_a_second_pooled_sum_that_would_difference_the_first_is_hidden():
    from bscp_portal.lib.suppression import guarded_sums

    # Years 0..3 all hidden; pools 0-2 and 1-3 both shown would give year 0 minus year 3, not a
    # year; but with year 3 also pooled alone (a "window" of one) the difference gives year 0.
    out = guarded_sums(
        [(_v(0, 1, 2), 12), (_v(1, 2, 3), 13), (_v(3), 7)],
        shown=[],
        hidden=[_v(0), _v(1), _v(2), _v(3)],
        max_small=5,
    )
    assert out == [12, 13, "c"]


def test_a_small_pooled_sum_is_hidden_even_when_it_could_be_worked_out():
    from bscp_portal.lib.suppression import guarded_sums

    out = guarded_sums([(_v(0, 1), 4)], shown=[_v(0), _v(1)], hidden=[], max_small=5)
    assert out == ["c"]


def test_the_span_knows_what_a_reader_can_work_out():
    from bscp_portal.lib.suppression import Span

    span = Span()
    span.add(_v(0, 1))
    span.add(_v(1, 2))
    assert span.reduce(_v(0, 1)) == {}
    assert span.reduce(_v(0)) != {}
    span.add(_v(2))
    assert span.reduce(_v(0)) == {}  # (0+1) - (1+2) + 2


@pytest.mark.parametrize(
    ("count", "population", "shown"),
    [
        (3, 2500, "120.0"),
        (16, 45000, "35.6"),  # 35.555... half up
        (1, 8000, "12.5"),
        (1, 16000, "6.3"),  # 6.25 rounds half up
        (0, 2500, "0.0"),
        ("c", 2500, "c"),  # a rate and the population would give a hidden count back
        (4, None, "z"),
        (4, 0, "z"),
    ],
)
def test_a_rate_per_100000(count, population, shown):
    from bscp_portal.lib.suppression import rate

    assert rate(count, population) == shown
