"""Reads behind the reviews pages, pinned as the pages show them."""

import datetime as dt

import pytest

from actions.tests.factories import ActionFactory
from reviews import selectors
from reviews.tests.factories import (
    CaseReviewFactory,
    DisseminationEventFactory,
    FeedbackFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db

APRIL_2025 = (dt.date(2025, 4, 1), dt.date(2026, 3, 31))


def test_each_recommendation_on_a_case_review_carries_its_actions_and_the_open_ones(world):
    review = CaseReviewFactory(agencies=[world.home])
    with_actions = RecommendationFactory(case_review=review, agency=world.home, number=1)
    without = RecommendationFactory(case_review=review, agency=world.home, number=2)
    for status in ("in_progress", "not_started", "complete"):
        ActionFactory(agency=world.home, source=with_actions, status=status)

    recs = selectors.case_review_detail(review=review, user=world.user("paqa"))["recommendations"]

    assert [(r.number, r.action_total, r.action_open) for r in recs] == [(1, 3, 2), (2, 0, 0)]
    assert without.pk in [r.pk for r in recs]


def test_the_learning_year_counts_events_attendance_and_feedback_inside_the_year_only(world):
    review = CaseReviewFactory(agencies=[world.home])
    DisseminationEventFactory(case_review=review, held_on=dt.date(2025, 4, 1), attendance=30)
    DisseminationEventFactory(case_review=review, held_on=dt.date(2026, 3, 31), attendance=12)
    DisseminationEventFactory(case_review=review, held_on=dt.date(2026, 4, 1), attendance=99)  # next year
    FeedbackFactory(case_review=review, agency=world.home, received_on=dt.date(2025, 7, 1), changed_practice="yes")
    FeedbackFactory(case_review=review, agency=world.home, received_on=dt.date(2025, 8, 1), changed_practice="yes")
    FeedbackFactory(case_review=review, agency=world.home, received_on=dt.date(2025, 9, 1), changed_practice="not_yet")
    FeedbackFactory(case_review=review, agency=world.home, received_on=dt.date(2025, 3, 31), changed_practice="no")

    start, end = APRIL_2025
    year = selectors.learning_year(user=world.user("paqa"), start=start, end=end)

    assert year["totals"] == {"events": 2, "attendance": 42}
    assert [e.held_on for e in year["events"]] == [dt.date(2026, 3, 31), dt.date(2025, 4, 1)]
    assert sorted((f["label"], f["n"]) for f in year["feedback"]) == [
        ("Too early to say", 1),
        ("Yes, it changed my practice", 2),
    ]


def test_an_empty_learning_year_has_no_rows_and_no_feedback(world):
    start, end = APRIL_2025
    year = selectors.learning_year(user=world.user("paqa"), start=start, end=end)

    assert year["rows"] == [] and year["feedback"] == [] and list(year["events"]) == []
    assert year["totals"] == {"events": 0, "attendance": None}
