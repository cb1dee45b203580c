"""Lists and dashboards run a fixed number of queries, however many reviews there are."""

import datetime as dt

import pytest
from django.urls import reverse

from reviews.tests.factories import (
    CaseReviewFactory,
    DisseminationEventFactory,
    MethodologyFactory,
    RecommendationFactory,
    ThemedReviewFactory,
)

pytestmark = pytest.mark.django_db

# Every signed-in page: session, user, the user's roles, the user's agency (page header), and
# the session save (savepoint, update, release).
FRAME = 7


@pytest.fixture
def many(world):
    """30 case reviews (more than a page) with agencies, recommendations and events."""
    method = MethodologyFactory(code="case-audit")
    for i in range(30):
        review = CaseReviewFactory(
            agencies=[world.home, world.other],
            notified_on=dt.date(2025, 3, 5) if i % 2 else None,
        )
        RecommendationFactory(case_review=review, agency=world.home if i % 3 else world.other)
        DisseminationEventFactory(
            case_review=review, held_on=dt.date(2025, 6, 1), agencies_reached=[world.home, world.other]
        )
    for _ in range(5):
        ThemedReviewFactory(agencies=[world.home]).methodologies.add(method)
    return world


def test_the_dashboard_runs_a_fixed_number_of_queries(many, client_for, django_assert_num_queries):
    client = client_for(many.user("lead"))
    # FRAME + reviews by kind and status (grouped) + the dates for the timescales + themed count
    with django_assert_num_queries(FRAME + 3):
        assert client.get(reverse("reviews:index")).status_code == 200


def test_the_case_list_runs_a_fixed_number_of_queries(many, client_for, django_assert_num_queries):
    client = client_for(many.user("lead"))
    # FRAME + count for the pages + one page of reviews with open recommendations counted
    # + their agencies (prefetch) + agencies for the filter's choices
    with django_assert_num_queries(FRAME + 4):
        response = client.get(reverse("reviews:case_list"))
    assert len(response.context["rows"]) == 25


def test_the_recommendations_dashboard_runs_a_fixed_number_of_queries(many, client_for, django_assert_num_queries):
    client = client_for(many.user("lead"))
    # FRAME + open by agency (grouped) + open by review (grouped) + count for the pages
    # + one page of recommendations with their review and agency + agencies for the filter
    with django_assert_num_queries(FRAME + 5):
        assert client.get(reverse("reviews:recommendation_list")).status_code == 200


def test_the_learning_page_runs_a_fixed_number_of_queries(many, client_for, django_assert_num_queries):
    client = client_for(many.user("lead"))
    # FRAME + events by agency (grouped) + totals + feedback by answer + events with their
    # review + agencies reached (prefetch)
    with django_assert_num_queries(FRAME + 5):
        assert client.get(reverse("reviews:learning") + "?year=2025").status_code == 200


def test_the_themed_list_runs_a_fixed_number_of_queries(many, client_for, django_assert_num_queries):
    client = client_for(many.user("lead"))
    # FRAME + themed reviews with open recommendations counted + their methodologies (prefetch)
    with django_assert_num_queries(FRAME + 2):
        assert client.get(reverse("reviews:themed_list")).status_code == 200


def test_the_export_runs_a_fixed_number_of_queries(many, client_for, django_assert_num_queries):
    client = client_for(many.user("bu"))
    # FRAME less the page header's agency (a download has no page) + reviews + their agencies
    # (prefetch) + the export's security log row
    with django_assert_num_queries(FRAME - 1 + 3):
        response = client.get(reverse("reviews:case_export", args=["csv"]))
        assert response.status_code == 200
        response.getvalue()  # the rows are read as the CSV streams
