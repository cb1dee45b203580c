"""The framework's rules for partnership performance, pinned without a database."""

import datetime as dt
from decimal import Decimal

import pytest

from governance import rules


# --- attendance ---------------------------------------------------------------------------------
def test_it_counts_attendance_and_apologies_with_a_deputy_as_represented():
    assert rules.is_represented("attended")
    assert rules.is_represented("apologies", "Deputy Name")
    assert not rules.is_represented("apologies", "  ")
    assert not rules.is_represented("absent")


def test_it_rates_attendance_over_recorded_meetings_only():
    records = [("attended", ""), ("apologies", "Dep"), ("apologies", ""), ("absent", ""), ("expected", "")]
    assert rules.attendance_rate(records) == Decimal("50.0")


def test_it_rounds_the_rate_half_up_to_one_decimal_place():
    assert rules.attendance_rate([("attended", "")] * 2 + [("absent", "")]) == Decimal("66.7")
    assert rules.attendance_rate([("attended", "")] + [("absent", "")] * 2) == Decimal("33.3")


def test_it_gives_no_rate_when_nothing_is_recorded():
    assert rules.attendance_rate([]) is None
    assert rules.attendance_rate([("expected", "")]) is None


@pytest.mark.parametrize(("rate", "flagged"), [("74.9", True), ("75.0", False), ("75.1", False), ("0.0", True)])
def test_it_flags_only_rates_strictly_below_the_threshold(rate, flagged):
    assert rules.below_threshold(Decimal(rate), 75) is flagged


def test_it_never_flags_an_agency_with_no_rate():
    assert rules.below_threshold(None, 75) is False


def test_quorum_needs_the_minimum_number_of_agencies():
    assert rules.is_quorate(represented=5, expected=12, min_agencies=5)
    assert not rules.is_quorate(represented=4, expected=12, min_agencies=5)


def test_quorum_needs_the_minimum_share_of_expected_agencies():
    assert rules.is_quorate(represented=6, expected=12, min_agencies=3, min_percent=50)
    assert not rules.is_quorate(represented=5, expected=12, min_agencies=3, min_percent=50)


def test_quorum_can_require_every_statutory_partner():
    kwargs = {"represented": 8, "expected": 10, "min_agencies": 3, "statutory_required": True, "statutory_expected": 3}
    assert rules.is_quorate(**kwargs, statutory_represented=3)
    assert not rules.is_quorate(**kwargs, statutory_represented=2)


def test_it_refuses_attendance_for_a_meeting_in_the_future():
    today = dt.date(2026, 11, 27)
    assert rules.future_meeting_problem(dt.date(2026, 11, 28), today)
    assert rules.future_meeting_problem(today, today) is None
    assert rules.future_meeting_problem(dt.date(2026, 11, 26), today) is None


# --- budget -------------------------------------------------------------------------------------
def test_variance_is_actual_minus_budget_with_a_percentage_of_budget():
    assert rules.variance(Decimal("1000"), Decimal("1100")) == (Decimal("100"), Decimal("10.0"))
    assert rules.variance(Decimal("1000"), Decimal("950")) == (Decimal("-50"), Decimal("-5.0"))
    assert rules.variance(Decimal("3"), Decimal("4")) == (Decimal("1"), Decimal("33.3"))


def test_variance_is_none_without_an_actual_and_has_no_percentage_on_a_zero_budget():
    assert rules.variance(Decimal("1000"), None) is None
    assert rules.variance(Decimal("0"), Decimal("10")) == (Decimal("10"), None)


@pytest.mark.parametrize(
    ("agreed", "received", "flag"),
    [("100", "100.01", "over"), ("100", "100", "met"), ("100", "99.99", "under"), ("100", None, "not_received")],
)
def test_it_flags_contributions_received_against_agreed(agreed, received, flag):
    assert rules.contribution_flag(Decimal(agreed), Decimal(received) if received else None) == flag


# --- members' rating ------------------------------------------------------------------------------
@pytest.mark.parametrize(("responses", "visible"), [(4, False), (5, True), (6, True), (0, False)])
def test_results_show_only_from_the_minimum_number_of_answers(responses, visible):
    assert rules.results_visible(responses, 5) is visible


def test_distribution_has_every_point_of_the_scale():
    assert rules.distribution([5, 5, 3, 1]) == {1: 1, 2: 0, 3: 1, 4: 0, 5: 2}
    assert rules.distribution([]) == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}


def test_mean_score_and_trend():
    assert rules.mean_score({1: 0, 2: 0, 3: 1, 4: 1, 5: 1}) == Decimal("4.00")
    assert rules.mean_score(rules.distribution([])) is None
    assert rules.trend(Decimal("4.00"), Decimal("3.50")) == Decimal("0.50")
    assert rules.trend(Decimal("4.00"), None) is None


# --- report routing -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("requested", "received", True),
        ("requested", "tabled", False),
        ("received", "tabled", True),
        ("received", "circulated", True),
        ("received", "returned", True),
        ("returned", "received", True),
        ("returned", "tabled", False),
        ("tabled", "circulated", False),
        ("circulated", "tabled", False),
        ("tabled", "received", False),
    ],
)
def test_reports_move_only_along_the_paqa_route(current, target, allowed):
    problem = rules.routing_problem(current, target, meeting_chosen=True, reasons="because")
    assert (problem is None) is allowed


def test_tabling_needs_a_meeting_and_returning_needs_reasons():
    assert "meeting" in rules.routing_problem("received", "tabled", meeting_chosen=False)
    assert "reasons" in rules.routing_problem("received", "returned", reasons="  ")
    assert "reason for circulating" in rules.routing_problem("received", "circulated")
    assert "reason for tabling" in rules.routing_problem("received", "tabled", meeting_chosen=True, reasons="")
    assert rules.routing_problem("received", "circulated", reasons="For information") is None


# --- public forms -------------------------------------------------------------------------------
def test_the_spam_guard_catches_honeypots_missing_times_and_speed():
    assert rules.looks_like_a_bot(honeypot="http://spam", elapsed_seconds=60, min_seconds=3)
    assert rules.looks_like_a_bot(honeypot="", elapsed_seconds=None, min_seconds=3)
    assert rules.looks_like_a_bot(honeypot="", elapsed_seconds=2.9, min_seconds=3)
    assert not rules.looks_like_a_bot(honeypot="", elapsed_seconds=3, min_seconds=3)


def test_the_rate_limit_allows_exactly_the_limit():
    assert not rules.over_rate_limit(4, 5)
    assert rules.over_rate_limit(5, 5)
