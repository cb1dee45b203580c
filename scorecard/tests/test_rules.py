"""Value checks, direction of travel and period lengths; no database."""

from datetime import date
from decimal import Decimal as D

from scorecard.rules import Direction, direction_of_travel, period_kind, same_period_last_year, value_problems


def problems(unit="percentage", decimals=1, value=None, numerator=None, denominator=None):
    return value_problems(unit=unit, decimals=decimals, value=value, numerator=numerator, denominator=denominator)


def test_a_percentage_may_be_100_but_not_over():
    assert problems(value=D("100")) == []
    assert problems(value=D("100.1")) == ["a percentage cannot be over 100 (100.1)"]


def test_counts_cannot_be_negative_but_scores_can():
    assert problems(unit="count", value=D("-1")) == ["a count cannot be negative (-1)"]
    assert problems(unit="score", value=D("-1")) == []


def test_value_must_agree_with_numerator_and_denominator_to_the_stated_precision():
    # 2 / 3 = 66.666...%: 66.7 is within half a unit (0.05) of it, 66.6 is 0.067 away
    assert problems(value=D("66.7"), numerator=D(2), denominator=D(3)) == []
    assert problems(value=D("66.6"), numerator=D(2), denominator=D(3)) == [
        "value 66.6 does not agree with 2 / 3 = 66.7 to 1 decimal place(s)"
    ]


def test_agreement_boundary_is_half_a_unit_of_the_last_place():
    # 1 / 8 = 12.5% exactly
    assert problems(value=D("12.55"), numerator=D(1), denominator=D(8)) == []
    assert problems(value=D("12.56"), numerator=D(1), denominator=D(8)) != []


def test_a_rate_uses_10000_as_its_scale():
    assert problems(unit="rate_per_10000", value=D("50.0"), numerator=D(50), denominator=D(10000)) == []


def test_a_zero_denominator_cannot_agree():
    assert problems(value=D("0"), numerator=D(0), denominator=D(0)) == [
        "the denominator is 0, so the value cannot agree with it"
    ]


def test_direction_of_travel_follows_polarity():
    assert direction_of_travel(D("80"), D("70"), "higher") == Direction.IMPROVING
    assert direction_of_travel(D("80"), D("70"), "lower") == Direction.WORSENING
    assert direction_of_travel(D("80"), D("70"), "neither") == Direction.UP
    assert direction_of_travel(D("60"), D("70"), "neither") == Direction.DOWN
    assert direction_of_travel(D("70"), D("70.0"), "higher") == Direction.SAME
    assert direction_of_travel(D("70"), None, "higher") == Direction.NO_COMPARISON


def test_same_period_last_year_handles_leap_days():
    assert same_period_last_year(date(2024, 2, 1), date(2024, 2, 29)) == (date(2023, 2, 1), date(2023, 2, 28))


def test_period_kind_by_length():
    assert period_kind(date(2024, 2, 1), date(2024, 2, 29)) == "monthly"
    assert period_kind(date(2024, 4, 1), date(2024, 6, 30)) == "quarterly"
    assert period_kind(date(2024, 4, 1), date(2025, 3, 31)) == "annual"
    assert period_kind(date(2024, 4, 1), date(2024, 4, 7)) == "other"
