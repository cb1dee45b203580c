"""The home panel: what needs each person now."""

import datetime as dt

import pytest
import time_machine

from reviews import panels
from reviews.tests.factories import CaseReviewFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2025, 3, 12, 9, 0), tick=False)
def test_the_chair_sees_timescales_still_to_meet_most_urgent_first(world):
    # Aware Mon 3 March: notification due Mon 10 March, overdue by Wed 12 March.
    late = CaseReviewFactory(reference="RR-2025-01", became_aware_on=dt.date(2025, 3, 3))
    # Aware Tue 11 March: notification due Tue 18 March.
    due = CaseReviewFactory(reference="RR-2025-02", became_aware_on=dt.date(2025, 3, 11))
    CaseReviewFactory(reference="LR-2025-03", kind="learning", became_aware_on=dt.date(2025, 3, 3))
    template, context = panels.home_panel(world.user("chair"))
    assert template == "reviews/includes/home_panel.html"
    assert [(i["review"], i["step"].state) for i in context["attention"]] == [(late, "overdue"), (due, "open")]


def test_an_agency_lead_sees_their_agencys_open_recommendations(world):
    RecommendationFactory(case_review=CaseReviewFactory(agencies=[world.home]), agency=world.home)
    RecommendationFactory(case_review=CaseReviewFactory(agencies=[world.home]), agency=world.home, status="closed")
    RecommendationFactory(case_review=CaseReviewFactory(agencies=[world.other]), agency=world.other)
    _, context = panels.home_panel(world.user("lead"))
    assert context["open_recommendations"] == 1
    assert "attention" not in context


def test_nothing_to_show_gives_no_panel(world):
    assert panels.home_panel(world.user("board")) is None


def test_the_panel_renders_on_the_home_page(world, client_for):
    CaseReviewFactory(reference="RR-2099-01", became_aware_on=dt.date.today())
    page = client_for(world.user("chair")).get("/").content.decode()
    assert "National timescales still to meet" in page
    assert "RR-2099-01" in page
