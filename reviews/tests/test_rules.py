"""Pure rules for reviews (no database)."""

import datetime as dt

from reviews import rules

D = dt.date


def test_a_decision_before_the_notification_is_refused():
    problems = rules.date_order_problems({"notified_on": D(2025, 3, 5), "decided_on": D(2025, 3, 4)})
    assert "decided_on" in problems
    assert "before the notification" in problems["decided_on"]


def test_a_decision_on_the_day_of_the_notification_is_accepted():
    assert rules.date_order_problems({"notified_on": D(2025, 3, 5), "decided_on": D(2025, 3, 5)}) == {}


def test_publication_before_completion_is_refused():
    problems = rules.date_order_problems({"completed_on": D(2025, 9, 1), "published_on": D(2025, 8, 31)})
    assert problems == {"published_on": "Publication cannot be before completion (01/09/2025)."}


def test_notification_before_becoming_aware_is_refused():
    problems = rules.date_order_problems({"became_aware_on": D(2025, 3, 5), "notified_on": D(2025, 3, 4)})
    assert list(problems) == ["notified_on"]


def test_missing_dates_are_not_compared():
    assert rules.date_order_problems({"became_aware_on": D(2025, 3, 5), "notified_on": None}) == {}


def test_publication_needs_a_completion_date():
    problems = rules.publication_problems(published_on=D(2025, 9, 1), completed_on=None, reason="")
    assert "published_on" in problems


def test_a_date_and_a_reason_not_to_publish_are_refused_together():
    problems = rules.publication_problems(published_on=D(2025, 9, 1), completed_on=D(2025, 8, 1), reason="Family")
    assert "not_published_reason" in problems


def test_a_recommendation_with_no_action_cannot_close():
    assert "at least one action" in rules.close_problem([])


def test_a_recommendation_with_an_open_action_cannot_close():
    assert "1 of its actions is still open" in rules.close_problem(["complete", "in_progress"])
    assert "2 of its actions are still open" in rules.close_problem(["not_started", "in_progress"])


def test_a_recommendation_whose_actions_were_all_withdrawn_cannot_close():
    assert "signed off" in rules.close_problem(["withdrawn"])


def test_a_recommendation_whose_actions_are_signed_off_closes():
    assert rules.close_problem(["complete", "withdrawn"]) is None
    assert rules.close_problem(["complete"]) is None
