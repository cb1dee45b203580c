"""The annual summary and the dashboard tile: plain figures, None for no data."""

import datetime as dt

import pytest

from reviews import summary
from reviews.tests.factories import CaseReviewFactory, DisseminationEventFactory, FeedbackFactory, RecommendationFactory

pytestmark = pytest.mark.django_db
YEAR = {"start": dt.date(2025, 4, 1), "end": dt.date(2026, 3, 31)}


def test_with_no_reviews_the_percentages_are_none_not_zero(world):
    s = summary.annual_summary(user=world.user("paqa"), **YEAR)
    assert s["case_reviews_begun"] == 0
    assert s["notifications_on_time_pct"] is None
    assert s["rapid_reviews_on_time_pct"] is None
    assert s["feedback_changed_practice_pct"] is None
    assert s["attendance"] is None
    assert s["by_kind"] == [] and s["published"] == [] and s["feedback"] == []


def test_it_counts_timescales_and_learning_in_the_year(world):
    # Aware Fri 2 May 2025; notified Fri 9 May (5 working days: on time). Rapid review due Mon
    # 2 June (15 working days, skipping the spring bank holiday on 26 May); done Tue 3 June: late.
    review = CaseReviewFactory(
        agencies=[world.home],
        became_aware_on=dt.date(2025, 5, 2),
        notified_on=dt.date(2025, 5, 9),
        rapid_review_on=dt.date(2025, 6, 3),
    )
    CaseReviewFactory(agencies=[world.home], became_aware_on=dt.date(2024, 5, 2))  # the year before
    RecommendationFactory(case_review=review, agency=world.home)
    DisseminationEventFactory(
        case_review=review, held_on=dt.date(2025, 7, 1), attendance=30, agencies_reached=[world.home, world.other]
    )
    FeedbackFactory(case_review=review, received_on=dt.date(2025, 7, 8), changed_practice="yes")
    FeedbackFactory(case_review=review, received_on=dt.date(2025, 7, 9), changed_practice="no")
    s = summary.annual_summary(user=world.user("paqa"), **YEAR)
    assert s["case_reviews_begun"] == 1
    assert s["by_kind"] == [{"kind": "rapid", "label": "Rapid review", "n": 1}]
    assert (s["notifications_done"], s["notifications_on_time"], s["notifications_on_time_pct"]) == (1, 1, 100.0)
    assert (s["rapid_reviews_done"], s["rapid_reviews_on_time"], s["rapid_reviews_on_time_pct"]) == (1, 0, 0.0)
    assert s["recommendations_made"] == 0  # made today, after the period
    to_today = summary.annual_summary(user=world.user("paqa"), start=YEAR["start"], end=dt.date.today())
    assert (to_today["recommendations_made"], to_today["recommendations_outstanding"]) == (1, 1)
    assert (s["events"], s["attendance"], s["agencies_reached"]) == (1, 30, 2)
    assert s["feedback_changed_practice_pct"] == 50.0


def test_the_tile_links_to_the_strand(world):
    tile = summary.dashboard_tile(user=world.user("board"))
    assert tile["url"] == "/reviews/"
    assert tile["figures"][2]["value"] is None  # no notifications in the last year: no data
