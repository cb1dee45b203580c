"""What a reader can work out from published sums (`Span`), and further sums shown beside them."""

from fractions import Fraction

from bscp_portal.lib.suppression import SUPPRESSED, Span, guarded_sums

ONE = Fraction(1)


def vec(*counts, coefficient=ONE):
    return dict.fromkeys(counts, coefficient)


def test_a_figure_is_worked_out_once_the_sums_around_it_are_published():
    span = Span()
    span.add(vec(0, 1))  # a + b
    assert span.reduce(vec(0)) == {1: -ONE}  # a alone is not known yet: what is left of it is -b
    span.add(vec(1))  # b
    assert span.reduce(vec(0)) == {}  # so a = (a + b) - b is
    assert span.reduce(vec(2)) == {2: ONE}


def test_the_basis_stays_reduced_as_vectors_are_added():
    span = Span()
    span.add(vec(0, 1))
    span.add(vec(1, 2))
    span.add(vec(2))
    # Every pivot row has a 1 at its pivot and nothing at another pivot.
    for pivot, row in span.basis.items():
        assert row[pivot] == 1
        assert not any(k in span.basis and k != pivot for k in row)
    assert span.reduce(vec(0)) == {} and span.reduce(vec(1)) == {}


def test_a_further_sum_is_hidden_when_it_would_give_away_a_hidden_figure():
    # Published: a + b (10). Hidden: a (small). Showing b would give a away.
    shown, hidden = [vec(0, 1)], [vec(0)]
    assert guarded_sums([(vec(1), 8)], shown=shown, hidden=hidden) == [SUPPRESSED]
    # A sum a reader can already work out is shown; a small one never is.
    assert guarded_sums([(vec(0, 1), 10), (vec(2), 3)], shown=shown, hidden=hidden) == [10, SUPPRESSED]


def test_an_earlier_shown_sum_is_taken_into_account_for_the_next():
    # Published: a + b + c. Hidden: a. Showing b + c alone gives a away, whichever order.
    shown, hidden = [vec(0, 1, 2)], [vec(0)]
    assert guarded_sums([(vec(1), 7), (vec(2), 9)], shown=shown, hidden=hidden) == [7, SUPPRESSED]
