"""Every partnership-performance page, filled with the demo data, passes axe-core."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("patient_page")]


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from governance import demo as governance_demo
    from partnership import demo as partnership_demo
    from partnership import framework

    framework.load()
    partnership_demo.seed()
    governance_demo.seed()


def _pages():
    from governance.models import (
        FeedbackCampaign,
        Meeting,
        Objective,
        Plan,
        RatingSurvey,
        RoutedReport,
        TrainingSession,
    )

    return [
        "/partnership/performance/",
        Plan.objects.first().get_absolute_url(),
        Objective.objects.first().get_absolute_url(),
        "/partnership/performance/meetings/",
        Meeting.objects.filter(body__code="partnership").first().get_absolute_url(),
        "/partnership/performance/attendance/",
        "/partnership/performance/budget/",
        "/partnership/performance/budget/pressures/new/",
        "/partnership/performance/training/",
        TrainingSession.objects.first().get_absolute_url(),
        "/partnership/performance/rating/",
        RatingSurvey.objects.order_by("year").first().get_absolute_url(),
        RatingSurvey.objects.order_by("year").last().get_absolute_url(),
        FeedbackCampaign.objects.first().get_absolute_url(),
        "/partnership/performance/reports/",
        RoutedReport.objects.first().get_absolute_url(),
        "/partnership/performance/reports/new/",
    ]


def test_every_page_is_accessible_for_the_business_unit(page, live_server, demo):
    sign_in(page, live_server, "bu", settings.DEMO_PASSWORD)
    for path in _pages():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert_accessible(page)


def test_the_public_pages_are_accessible_and_errors_are_clear(page, live_server, demo):
    page.goto(f"{live_server.url}/partnership/performance/practitioner-feedback/")
    assert_accessible(page)
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.get_by_role("alert")).to_contain_text("Please answer the questions marked below")
    assert_accessible(page)
    from governance.models import TrainingPlace

    token = TrainingPlace.objects.filter(evaluation__isnull=True).first().evaluation_token
    page.goto(f"{live_server.url}/partnership/performance/training/evaluate/{token}/")
    assert_accessible(page)
