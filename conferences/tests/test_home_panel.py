"""The conferences panel on the home page: for those who record conferences only."""

import datetime as dt

import pytest

from conferences.home import panel
from conferences.tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def test_it_counts_late_conferences_of_the_last_30_days_for_the_manager(world):
    today = dt.date.today()
    ConferenceFactory(enquiry_start_date=today - dt.timedelta(days=40), conference_date=today, plan_start=today)
    template, context = panel(world.user("ssm"))
    assert template == "conferences/includes/home_panel.html"
    assert (context["recent"], context["late"], context["no_agencies"]) == (1, 1, 1)


def test_agency_users_get_no_panel(world):
    assert panel(world.user("lead")) is None
    assert panel(world.user("paqa")) is None


def test_the_home_page_shows_it(world, client_for):
    body = client_for(world.user("ssm")).get("/").content.decode()
    assert "Child protection conferences" in body
