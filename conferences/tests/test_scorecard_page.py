"""The scorecard's indicator page shows the figures the conferences computed."""

import datetime as dt

import pytest
from django.test import Client

from conferences import services
from conferences.tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def test_the_indicator_page_says_the_figures_came_from_conference_records(world):
    from scorecard.framework import load_catalogue

    load_catalogue()
    today = dt.date.today()
    ConferenceFactory(enquiry_start_date=today - dt.timedelta(days=7), conference_date=today, plan_start=today)
    services.indicators_recompute(start=today, end=today)
    client = Client(raise_request_exception=True)
    client.force_login(world.user("paqa"))
    response = client.get("/scorecard/indicators/CP_ICPC_15WD/")
    assert response.status_code == 200
    assert "Computed from conferences records" in response.content.decode()
