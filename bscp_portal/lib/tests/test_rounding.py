"""Rounding as the DfE publishes: half up, exact, and nothing made of nothing."""

from decimal import Decimal

import pytest

from bscp_portal.lib.rounding import mean_of, percent, percent_number, round_half_up


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (1, 16, Decimal("6.3")),  # 6.25: half up (Python's round() gives 6.2)
        (1, 3, Decimal("33.3")),
        (2, 3, Decimal("66.7")),
        (1, 8, Decimal("12.5")),
        (7, 7, Decimal("100.0")),
        (0, 5, Decimal("0.0")),
        (3, 0, None),  # nothing counted: no percentage
        (Decimal("-150"), Decimal("1000"), Decimal("-15.0")),
    ],
)
def test_a_percentage_is_to_one_place_half_up(part, whole, expected):
    assert percent(part, whole) == expected


def test_a_percentage_to_other_places():
    assert percent(1, 16, places=0) == Decimal("6")
    assert percent(1, 16, places=2) == Decimal("6.25")
    assert percent(1, 3, places=2) == Decimal("33.33")


def test_a_mean_is_to_two_places_half_up():
    assert mean_of(33, 8) == Decimal("4.13")  # 4.125: half up (half even gives 4.12)
    assert mean_of(10, 4) == Decimal("2.50")
    assert mean_of(5, 0) is None
    assert mean_of(Decimal("7"), 3, places=1) == Decimal("2.3")


def test_rounding_half_up():
    assert round_half_up(Decimal("2.25")) == Decimal("2.3")
    assert round_half_up(Decimal("-2.25")) == Decimal("-2.3")  # away from zero, as the DfE rounds
    assert round_half_up(Decimal("2.5"), 0) == Decimal("3")
    assert round_half_up(7, 2) == Decimal("7.00")


def test_a_percentage_as_a_plain_number_rounds_the_same():
    assert percent_number(1, 16) == 6.3
    assert percent_number(2, 3) == 66.7
    assert percent_number(1, 0) is None
