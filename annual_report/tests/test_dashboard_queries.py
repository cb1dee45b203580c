"""/reports/, its quadrant view and the home page ask for what they show: the same number of
queries with several times the data (indicators with years of figures, many actions)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.tests.factories import ActionFactory
from cdop.tests.factories import DeathFactory, load_reference_data, review_for
from partnership.tests.factories import AgencyFactory
from reviews.tests.factories import CaseReviewFactory, RecommendationFactory
from scorecard.tests.test_views import bulk
from section11 import services
from section11.models import Participation
from section11.tests.factories import make_return, open_round

pytestmark = pytest.mark.django_db

#: The most queries each page may make (session, user and roles included): each tile asks for
#: the figures it shows (the scorecard its RAG counts from the stored statuses, actions an
#: index-only count of the open ones and one of the year's sign-offs, the conference rates from
#: the cache, the governance tile only the last 12 months of attendance, Section 11 its counts
#: and headline in the database, child deaths this year's published totals from the cache).
MOST = {"annual_report:index": 29, "annual_report:quadrants": 30, "home": 45}


def grow(world, indicators: int, months: int, actions: int, strands: int = 1):
    """Indicators with months of figures and actions; and `strands` times a slice of the other
    strands' records: Section 11 returns, child deaths over the years with their reviews, case
    reviews with recommendations."""
    bulk(world, indicators, n_months=months)
    today = dt.date.today()
    for i in range(actions):
        ActionFactory(
            agency=world.home if i % 2 else world.other,
            owner=world.user("contributor") if i % 2 else world.other_lead,
            due_date=today + dt.timedelta(days=(i % 9) * 10 - 40),
        )
    rnd = open_round()
    for i in range(strands):
        agency = AgencyFactory(name=f"Growing agency {Participation.objects.count()}")
        services.participation_set(round=rnd, agency=agency, mode="required")
        make_return(agency, rnd=rnd, ratings="fully_met", agreed="partially_met" if i % 2 else None, status="submitted")
    load_reference_data()
    for i in range(strands * 8):
        died = today - dt.timedelta(days=40 * i + 20)
        death = DeathFactory(date_of_death=died, date_notified=died)
        if i % 3:
            review_for(death, reviewed_on=min(today, died + dt.timedelta(days=100)))
    for i in range(strands * 3):
        aware = today - dt.timedelta(days=90 * i + 10)
        review = CaseReviewFactory(became_aware_on=aware, notified_on=aware + dt.timedelta(days=i % 9))
        RecommendationFactory(case_review=review, agency=world.home)


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
    # Years of figures, ten times the actions, ten times the other strands' records.
    grow(world, indicators=12, months=60, actions=30, strands=10)
    large = counts(client)
    assert large == small
    for name, most in MOST.items():
        assert large[name] <= most, f"{name}: {large[name]} queries"


#: The published child death tables, built when their cached totals were dropped: a handful of
#: grouped queries whatever the number of deaths and years (eight for the statistics page's
#: tables, four for the reviews by the child's characteristics that are suppressed with them,
#: one for the population estimates behind their rates).
PUBLISHED_TABLES = 13
#: The conference tile's rates for both of its periods, counted when the cached ones were
#: dropped: three conditional aggregates (conferences, agency rows, answers).
CONFERENCE_RATES = 3


def test_reports_stays_within_its_queries_when_the_child_death_figures_are_rebuilt(
    world, client_for, django_assert_max_num_queries
):
    from cdop import published

    client = client_for(world.user("paqa"))
    grow(world, indicators=12, months=60, actions=30, strands=10)
    client.get(reverse("annual_report:index"))  # the first read stores each indicator's status
    with django_assert_max_num_queries(MOST["annual_report:index"]):
        assert client.get(reverse("annual_report:index")).status_code == 200
    published.invalidate()
    with django_assert_max_num_queries(MOST["annual_report:index"] + PUBLISHED_TABLES):
        assert client.get(reverse("annual_report:index")).status_code == 200


def test_reports_stays_within_its_queries_when_the_conference_rates_are_counted_again(
    world, client_for, django_assert_max_num_queries
):
    from conferences.summary import TILE_RATES

    client = client_for(world.user("paqa"))
    grow(world, indicators=12, months=60, actions=30, strands=10)
    client.get(reverse("annual_report:index"))
    TILE_RATES.invalidate()
    with django_assert_max_num_queries(MOST["annual_report:index"] + CONFERENCE_RATES):
        assert client.get(reverse("annual_report:index")).status_code == 200
