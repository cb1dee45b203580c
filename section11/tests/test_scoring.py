"""The Section 11 compliance rules, pinned exactly and without a database."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from section11 import scoring
from section11.scoring import FULLY_MET, NOT_APPLICABLE, NOT_MET, PARTIALLY_MET, StandardState

DEADLINE = date(2026, 12, 12)


def test_it_scores_fully_met_two_partially_one_not_met_zero():
    assert scoring.compliance_percent([FULLY_MET, PARTIALLY_MET, NOT_MET]) == Decimal("50.0")
    assert scoring.compliance_percent([FULLY_MET] * 9) == Decimal("100.0")
    assert scoring.compliance_percent([NOT_MET] * 9) == Decimal("0.0")


def test_it_leaves_not_applicable_and_unrated_out_of_the_base():
    assert scoring.compliance_percent([FULLY_MET, NOT_APPLICABLE, None, ""]) == Decimal("100.0")
    assert scoring.compliance_percent([PARTIALLY_MET, NOT_APPLICABLE]) == Decimal("50.0")


def test_it_gives_no_score_rather_than_zero_when_nothing_applicable_is_rated():
    assert scoring.compliance_percent([]) is None
    assert scoring.compliance_percent([NOT_APPLICABLE, None]) is None


def test_it_rounds_half_up_to_one_decimal_place():
    # 7 of 9 standards fully met, 2 not met: 14 / 18 = 77.777...%
    assert scoring.compliance_percent([FULLY_MET] * 7 + [NOT_MET] * 2) == Decimal("77.8")
    # 1 partially met of 3 fully/partially: 5 / 6 = 83.333...%
    assert scoring.compliance_percent([FULLY_MET, FULLY_MET, PARTIALLY_MET]) == Decimal("83.3")
    # 15 / 16 = 93.75 -> 93.8 (half up, not banker's rounding)
    assert scoring.compliance_percent([FULLY_MET] * 7 + [PARTIALLY_MET]) == Decimal("93.8")


def test_it_shows_fully_partially_not_met_as_green_amber_red():
    assert [scoring.rag(r) for r in (FULLY_MET, PARTIALLY_MET, NOT_MET)] == ["GREEN", "AMBER", "RED"]
    assert scoring.rag(NOT_APPLICABLE) == "NOT_RATED"
    assert scoring.rag(None) == "NOT_RATED"
    assert scoring.rag("") == "NOT_RATED"


def test_it_labels_ratings_and_says_not_rated_for_none():
    assert scoring.label(PARTIALLY_MET) == "Partially met"
    assert scoring.label(None) == "Not rated"
    assert scoring.label("nonsense") == "Not rated"


def test_the_agreed_rating_wins_over_the_self_rating():
    assert scoring.effective_rating(self_rating=FULLY_MET, agreed_rating=PARTIALLY_MET) == (PARTIALLY_MET, True)


def test_the_self_rating_stands_and_is_marked_unagreed_when_nothing_is_agreed():
    assert scoring.effective_rating(self_rating=FULLY_MET, agreed_rating=None) == (FULLY_MET, False)
    assert scoring.effective_rating(self_rating=FULLY_MET, agreed_rating="") == (FULLY_MET, False)
    assert scoring.effective_rating(self_rating=None, agreed_rating=None) == (None, False)


def test_change_is_in_percentage_points_and_none_without_both_rounds():
    assert scoring.change(Decimal("77.8"), Decimal("66.7")) == Decimal("11.1")
    assert scoring.change(Decimal("50.0"), Decimal("55.0")) == Decimal("-5.0")
    assert scoring.change(None, Decimal("50.0")) is None
    assert scoring.change(Decimal("50.0"), None) is None


def test_tally_counts_each_rating_and_the_unrated():
    t = scoring.tally([FULLY_MET, FULLY_MET, PARTIALLY_MET, NOT_MET, NOT_APPLICABLE, None, ""])
    assert (t.fully_met, t.partially_met, t.not_met, t.not_applicable, t.not_rated) == (2, 1, 1, 1, 2)
    assert t.rated == 5


def test_completeness_counts_rated_standards_including_not_applicable():
    assert scoring.completeness([FULLY_MET, NOT_APPLICABLE, None, "", NOT_MET]) == (3, 5)
    assert scoring.completeness([]) == (0, 0)


def _state(rating, **kw):
    return StandardState(number=kw.pop("number", 1), title="T", rating=rating, **kw)


def test_an_unrated_standard_stops_submission():
    assert scoring.standard_problem(_state(None)) == "not rated yet"


def test_not_applicable_needs_a_reason():
    assert "without a reason" in scoring.standard_problem(_state(NOT_APPLICABLE))
    assert "without a reason" in scoring.standard_problem(_state(NOT_APPLICABLE, na_reason="   "))
    assert scoring.standard_problem(_state(NOT_APPLICABLE, na_reason="No contact with children")) == ""


@pytest.mark.parametrize("rating", [PARTIALLY_MET, NOT_MET])
def test_partially_or_not_met_needs_an_action_or_a_reason(rating):
    assert "no improvement action" in scoring.standard_problem(_state(rating))
    assert scoring.standard_problem(_state(rating, action_count=1)) == ""
    assert scoring.standard_problem(_state(rating, no_action_reason="In the wider plan")) == ""


def test_fully_met_with_evidence_needs_nothing_more():
    assert scoring.standard_problem(_state(FULLY_MET, evidence_files=1)) == ""


def test_submission_problems_lists_every_blocking_standard_in_order():
    states = [_state(None, number=3), _state(FULLY_MET, number=1, evidence_files=1), _state(NOT_MET, number=2)]
    assert [(s.number, p) for s, p in scoring.submission_problems(states)] == [
        (2, "rated not met with no improvement action and no reason for having none"),
        (3, "not rated yet"),
    ]


@pytest.mark.parametrize("days", [28, 14, 7])
def test_it_reminds_on_28_14_and_7_days_before(days):
    assert scoring.reminder_due(today=DEADLINE - timedelta(days=days), deadline=DEADLINE) == str(days)


@pytest.mark.parametrize("days", [29, 27, 15, 13, 8, 6, 1, 0])
def test_it_does_not_remind_on_the_days_either_side(days):
    assert scoring.reminder_due(today=DEADLINE - timedelta(days=days), deadline=DEADLINE) is None


@pytest.mark.parametrize("late", [1, 8, 15, 22])
def test_it_sends_an_overdue_notice_the_day_after_and_weekly_after_that(late):
    assert scoring.reminder_due(today=DEADLINE + timedelta(days=late), deadline=DEADLINE) == "overdue"


@pytest.mark.parametrize("late", [2, 6, 7, 9, 14])
def test_it_sends_no_overdue_notice_between_the_weekly_days(late):
    assert scoring.reminder_due(today=DEADLINE + timedelta(days=late), deadline=DEADLINE) is None


def test_days_to_deadline_is_zero_on_the_day_and_negative_after():
    assert scoring.days_to_deadline(today=DEADLINE, deadline=DEADLINE) == 0
    assert scoring.days_to_deadline(today=DEADLINE - timedelta(days=3), deadline=DEADLINE) == 3
    assert scoring.days_to_deadline(today=DEADLINE + timedelta(days=2), deadline=DEADLINE) == -2


def test_the_scoring_module_has_no_django_imports():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(scoring))
    modules = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)] + [
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    ]
    assert not [m for m in modules if m and m.startswith("django")]
