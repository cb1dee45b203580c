"""/reports/, its quadrant view and the home page ask for what they show: the same number of
queries with several times the data (indicators with years of figures, many actions)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.tests.factories import ActionFactory
from scorecard.tests.test_views import bulk

pytestmark = pytest.mark.django_db

#: The most queries each page may make (session, user and roles included): each tile asks for
#: the figures it shows (the conference tile three conditional aggregates for both of its
#: periods, the governance tile only the last 12 months of attendance).
MOST = {"annual_report:index": 37, "annual_report:quadrants": 38, "home": 45}


def grow(world, indicators: int, months: int, actions: int):
    bulk(world, indicators, n_months=months)
    today = dt.date.today()
    for i in range(actions):
        ActionFactory(
            agency=world.home if i % 2 else world.other,
            owner=world.user("contributor") if i % 2 else world.other_lead,
            due_date=today + dt.timedelta(days=(i % 9) * 10 - 40),
        )


def counts(client) -> dict[str, int]:
    found = {}
    for name in MOST:
        client.get(reverse(name))  # the first read stores each indicator's status
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name)).status_code == 200
        found[name] = len(ctx.captured_queries)
    return found


@pytest.mark.parametrize("key", ["paqa", "board"])
def test_query_counts_stay_flat_with_more_data(world, client_for, key):
    client = client_for(world.user(key))
    grow(world, indicators=2, months=13, actions=3)
    small = counts(client)
    grow(world, indicators=12, months=60, actions=30)  # years of figures, ten times the actions
    large = counts(client)
    assert large == small
    for name, most in MOST.items():
        assert large[name] <= most, f"{name}: {large[name]} queries"
