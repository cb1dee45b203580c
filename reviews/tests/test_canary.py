"""Records of a review the user's agency is not involved in never reach that user: not in
lists, filters, exports, chart data, the home panel or the summary."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reviews import panels, summary
from reviews.tests.factories import (
    CaseReviewFactory,
    DisseminationEventFactory,
    FeedbackFactory,
    RecommendationFactory,
    ThemedReviewFactory,
)

pytestmark = pytest.mark.django_db
MARK = "CANARY"


@pytest.fixture
def canary(world):
    """The canary agency's review, recommendation, learning and themed review, and one of ours."""
    theirs = CaseReviewFactory(
        reference="CANARY-2025-99",
        title="CANARY incident",
        agencies=[world.other],
        became_aware_on=dt.date(2025, 5, 1),
        notified_on=dt.date(2025, 5, 20),
    )
    RecommendationFactory(case_review=theirs, agency=world.other, text="CANARY recommendation")
    DisseminationEventFactory(
        case_review=theirs, held_on=dt.date(2025, 6, 1), audience="CANARY audience", agencies_reached=[world.other]
    )
    FeedbackFactory(case_review=theirs, received_on=dt.date(2025, 6, 10), comment="CANARY comment", agency=world.other)
    ThemedReviewFactory(theme="CANARY theme", agencies=[world.other])
    ours = CaseReviewFactory(reference="RR-2025-01", title="Our incident", agencies=[world.home])
    RecommendationFactory(case_review=ours, agency=world.home, text="Our recommendation")
    return world


PAGES = [
    ("reviews:index", {}, ""),
    ("reviews:case_list", {}, ""),
    ("reviews:case_list", {}, "?q=incident"),
    ("reviews:case_export", {"fmt": "csv"}, ""),
    ("reviews:themed_list", {}, ""),
    ("reviews:recommendation_list", {}, ""),
    ("reviews:recommendation_list", {}, "?status=&review=2025"),
    ("reviews:recommendation_export", {"fmt": "csv"}, "?status="),
    ("reviews:learning", {}, "?year=2025"),
    ("reviews:learning_export", {"fmt": "csv"}, "?year=2025"),
]


@pytest.mark.parametrize("name,kwargs,query", PAGES)
@pytest.mark.parametrize("key", ["lead", "contributor", "ssm", "cdop"])
def test_agency_users_never_see_the_canary(canary, client_for, name, kwargs, query, key):
    response = client_for(canary.user(key)).get(reverse(name, kwargs=kwargs) + query)
    assert response.status_code == 200
    body = response.getvalue().decode("utf-8-sig")
    assert MARK not in body
    assert "Canary Agency" not in body


def test_the_canary_is_in_the_lists_for_partnership_wide_roles(canary, client_for):
    body = (
        client_for(canary.user("paqa")).get(reverse("reviews:case_export", args=["csv"])).getvalue().decode("utf-8-sig")
    )
    assert "CANARY-2025-99" in body


@pytest.mark.parametrize("name", ["reviews:case_export", "reviews:recommendation_export", "reviews:learning_export"])
def test_the_xlsx_exports_hold_no_canary(canary, client_for, name):
    response = client_for(canary.user("lead")).get(reverse(name, args=["xlsx"]) + "?year=2025&status=")
    cells = [str(c) for row in load_workbook(io.BytesIO(response.getvalue())).active.values for c in row]
    assert not [c for c in cells if MARK in c or "Canary Agency" in c]


def test_the_chart_data_counts_only_our_reviews(canary, client_for):
    response = client_for(canary.user("lead")).get(reverse("reviews:index"))
    assert response.context["table"]["total"] == 1
    figure = response.context["status_chart"]
    assert sum(sum(trace["x"]) for trace in figure["data"]) == 1


def test_the_home_panel_and_summary_hold_no_canary(canary):
    lead = canary.user("lead")
    rendered = panels.home_panel(lead)
    assert rendered is not None and rendered[1]["open_recommendations"] == 1
    s = summary.annual_summary(start=dt.date(2025, 4, 1), end=dt.date(2026, 3, 31), user=lead)
    assert s["events"] == 0
    assert s["notifications_done"] == 0
    assert all(MARK not in t["theme"] for t in s["themed_reviews"])
    assert summary.dashboard_tile(user=lead)["figures"][1]["value"] == 1


def test_the_agency_filter_offers_only_visible_agencies(canary, client_for):
    response = client_for(canary.user("lead")).get(reverse("reviews:case_list") + f"?agency={canary.other.pk}")
    assert "agency" in response.context["filter"].errors
