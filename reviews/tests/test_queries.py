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


@pytest.mark.parametrize(
    ("name", "query", "queries"),
    [
        # FRAME + reviews by kind and status (grouped) + the dates for the timescales + themed count
        pytest.param("reviews:index", "", FRAME + 3, id="dashboard"),
        # FRAME + open by agency (grouped) + open by review (grouped) + count for the pages
        # + one page of recommendations with their review and agency + agencies for the filter
        pytest.param("reviews:recommendation_list", "", FRAME + 5, id="recommendations"),
        # FRAME + events by agency (grouped) + totals + feedback by answer + events with their
        # review + agencies reached (prefetch)
        pytest.param("reviews:learning", "?year=2025", FRAME + 5, id="learning"),
        # FRAME + themed reviews with open recommendations counted + their methodologies (prefetch)
        pytest.param("reviews:themed_list", "", FRAME + 2, id="themed-list"),
    ],
)
def test_the_page_runs_a_fixed_number_of_queries(name, query, queries, many, client_for, django_assert_num_queries):
    client = client_for(many.user("lead"))
    with django_assert_num_queries(queries):
        assert client.get(reverse(name) + query).status_code == 200


def test_the_case_list_runs_a_fixed_number_of_queries(many, client_for, django_assert_num_queries):
    client = client_for(many.user("lead"))
    # FRAME + count for the pages + one page of reviews with open recommendations counted
    # + their agencies (prefetch) + agencies for the filter's choices
    with django_assert_num_queries(FRAME + 4):
        response = client.get(reverse("reviews:case_list"))
    assert len(response.context["rows"]) == 25


def test_the_export_runs_a_fixed_number_of_queries(many, client_for, django_assert_num_queries):
    client = client_for(many.user("bu"))
    # FRAME less the page header's agency (a download has no page) + reviews + their agencies
    # (prefetch) + the export's security log row
    with django_assert_num_queries(FRAME - 1 + 3):
        response = client.get(reverse("reviews:case_export", args=["csv"]))
        assert response.status_code == 200
        response.getvalue()  # the rows are read as the CSV streams
