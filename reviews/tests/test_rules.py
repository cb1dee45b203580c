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


# --- a case review's status follows its dates ---------------------------------------------------


def _status(old, new, **dates):
    return rules.status_problems(old=old, new=new, **dates)


def test_published_without_a_publication_date_is_refused_with_the_field_to_fill():
    problems = _status("completed", "published", completed_on=D(2025, 9, 1))
    assert problems == {
        "published_on": "A review can be marked published only with its publication date: give it first."
    }


def test_completed_without_a_completion_date_is_refused():
    problems = _status("in_progress", "completed")
    assert problems == {
        "completed_on": "A review can be marked completed only with its completion date: give it first."
    }


def test_notified_straight_to_published_is_refused_even_with_every_date():
    problems = _status(
        "notified", "published", completed_on=D(2025, 9, 1), published_on=D(2025, 10, 1), notified_on=D(2025, 3, 5)
    )
    assert problems == {
        "status": "A review cannot go from notified straight to published: mark it as a review in progress first."
    }


def test_rapid_review_straight_to_completed_is_refused():
    assert "straight to completed" in _status("rapid_review", "completed", completed_on=D(2025, 9, 1))["status"]


def test_in_progress_to_published_with_both_dates_is_allowed():
    assert _status("in_progress", "published", completed_on=D(2025, 9, 1), published_on=D(2025, 10, 1)) == {}


def test_a_historic_review_may_be_recorded_as_published_with_its_dates():
    assert _status(None, "published", completed_on=D(2019, 9, 1), published_on=D(2019, 10, 1)) == {}


def test_a_rapid_review_needs_the_notification_date():
    assert "notified_on" in _status("notified", "rapid_review")
    assert _status("notified", "rapid_review", notified_on=D(2025, 3, 5)) == {}


def test_closing_needs_completion_or_a_decision_of_no_further_review():
    assert "completed" in _status("in_progress", "closed")["status"]
    assert _status("rapid_review", "closed", decision="no_further") == {}
    assert "straight to closed" in _status("rapid_review", "closed", decision="learning_review")["status"]


def test_closing_a_completed_review_needs_publication_or_a_reason_not_to_publish():
    done = D(2025, 9, 1)
    assert "not_published_reason" in _status("completed", "closed", completed_on=done)
    assert _status("completed", "closed", completed_on=done, not_published_reason="Internal learning only.") == {}
    assert _status("published", "closed", completed_on=done, published_on=D(2025, 10, 1)) == {}


def test_keeping_a_status_still_needs_its_date():
    assert "completed_on" in _status("completed", "completed")
