"""SPC rules (Making Data Count) pinned with hand-made series; no database."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard import spc
from scorecard.spc import Assurance, Variation, analyse

FLAT = [10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9]  # mean 10, mean moving range ~1.64


def test_limits_are_mean_plus_minus_2_66_mean_moving_range():
    mean, lower, upper = spc.xmr_limits([10, 12, 10, 12])
    assert mean == 11
    assert lower == pytest.approx(11 - 2.66 * 2)
    assert upper == pytest.approx(11 + 2.66 * 2)


def test_a_point_outside_the_limits_is_special_cause():
    assert spc.outside_limits([1, 5, 9], lower=2, upper=8) == [-1, 0, 1]
    assert spc.outside_limits([2, 8], lower=2, upper=8) == [0, 0]  # on the limit is inside


def test_seven_on_one_side_of_the_mean_is_a_shift_six_is_not():
    assert spc.shifts([1] * 7, mean=0) == [1] * 7
    assert spc.shifts([1] * 6 + [-1], mean=0) == [0] * 7


def test_a_point_on_the_mean_ends_a_run():
    assert spc.shifts([1, 1, 1, 0, 1, 1, 1, 1], mean=0) == [0] * 8


def test_seven_rising_points_are_a_trend_six_are_not():
    assert spc.trends([1, 2, 3, 4, 5, 6, 7]) == [1] * 7
    assert spc.trends([7, 6, 5, 4, 3, 2, 1]) == [-1] * 7
    assert spc.trends([1, 2, 3, 4, 5, 6, 6]) == [0] * 7


def test_an_equal_value_ends_a_trend():
    assert spc.trends([1, 2, 3, 3, 4, 5, 6, 7]) == [0] * 8


def test_two_of_three_near_a_limit_on_the_same_side():
    # mean 0, limits ±3: two-thirds of the way is ±2
    assert spc.two_of_three([2.5, 0, 2.5], mean=0, lower=-3, upper=3) == [1, 0, 1]
    assert spc.two_of_three([2.5, 0, -2.5], mean=0, lower=-3, upper=3) == [0, 0, 0]
    assert spc.two_of_three([2.0, 0, 2.5], mean=0, lower=-3, upper=3) == [0, 0, 0]  # 2.0 is not beyond
    assert spc.two_of_three([2.5, 0, 0, 2.5], mean=0, lower=-3, upper=3) == [0, 0, 0, 0]


def test_fewer_than_twelve_points_warn_instead_of_icons():
    result = analyse(FLAT[:11], polarity="higher", target=5)
    assert result.warning.startswith("Fewer than 12")
    assert result.variation is None and result.assurance is None
    assert result.upper is not None
    assert all(not p.rules for p in result.points)


def test_twelve_points_of_noise_are_common_cause():
    result = analyse(FLAT, polarity="higher")
    assert result.warning == ""
    assert result.variation == Variation.COMMON_CAUSE
    assert result.latest_signal == ""


def test_a_high_point_is_improvement_when_higher_is_better_and_concern_when_lower():
    series = FLAT + [30]
    assert analyse(series, polarity="higher").variation == Variation.IMPROVEMENT_HIGH
    assert analyse(series, polarity="lower").variation == Variation.CONCERN_HIGH
    assert analyse(series, polarity="neither").variation == Variation.NEITHER_HIGH
    assert analyse(series, polarity="higher").latest_signal == "outside_limits"


def test_a_low_run_is_concern_when_higher_is_better():
    series = [12, 13, 12, 13, 12, 13, 8, 9, 8, 9, 8, 9, 8]
    result = analyse(series, polarity="higher")
    assert result.latest_signal == "shift"
    assert result.variation == Variation.CONCERN_LOW
    assert analyse(series, polarity="lower").variation == Variation.IMPROVEMENT_LOW


def test_assurance_from_the_target_against_the_limits():
    assert spc.assurance(4.9, lower=5, upper=15, polarity="higher") == Assurance.PASS
    assert spc.assurance(5, lower=5, upper=15, polarity="higher") == Assurance.HIT_AND_MISS
    assert spc.assurance(15.1, lower=5, upper=15, polarity="higher") == Assurance.FAIL
    assert spc.assurance(15.1, lower=5, upper=15, polarity="lower") == Assurance.PASS
    assert spc.assurance(4.9, lower=5, upper=15, polarity="lower") == Assurance.FAIL
    assert spc.assurance(None, lower=5, upper=15, polarity="higher") is None
    assert spc.assurance(10, lower=5, upper=15, polarity="neither") is None


def test_missing_values_are_skipped():
    assert len(analyse([1, None, 2], polarity="higher").points) == 2


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=12), min_size=12, max_size=40), st.sampled_from(["higher", "lower"]))
def test_judging_only_the_latest_point_agrees_with_the_whole_series(values, polarity):
    whole = analyse(values, polarity=polarity, target=6)
    latest = analyse(values, polarity=polarity, target=6, latest_only=True)
    assert latest.points[-1].rules == whole.points[-1].rules
    assert (latest.variation, latest.assurance) == (whole.variation, whole.assurance)
