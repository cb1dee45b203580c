"""Lists and dashboards run a fixed number of queries, however many conferences there are."""

import datetime as dt

import pytest
from django.urls import reverse

from conferences.models import AgencyInvitation, Answer, Conference, QuestionnaireResponse
from conferences.tests.factories import ConferenceFactory, InvitationFactory, scale_question
from partnership.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(world):
    today = dt.date.today()
    agencies = [world.home, world.other, *[AgencyFactory() for _ in range(3)]]
    q = scale_question()
    for i in range(30):
        day = today - dt.timedelta(days=7 * i + 3)
        c = ConferenceFactory(enquiry_start_date=day - dt.timedelta(days=14), conference_date=day, plan_start=day)
        for agency in agencies[: 2 + i % 4]:
            InvitationFactory(conference=c, agency=agency, attended=i % 3 != 0)
        r = QuestionnaireResponse.objects.create(conference=c, respondent="parent", method="paper", conference_date=day)
        Answer.objects.create(response=r, question=q, score=1 + i % 5)


@pytest.mark.parametrize(
    ("page", "role", "queries"),
    [
        # 1 session, 2 user, 3 roles, 4 count, 5 page of conferences, 6 attendance counts for the
        # page, 7 agencies for the agency filter, 8 the user's agency (page header),
        # 9-11 session refresh (savepoint, update, release)
        pytest.param("conferences:index", "paqa", 11, id="list"),
        # 1 session, 2 user, 3 roles, 4 monthly timeliness and participation, 5 agency rates,
        # 6 questionnaires by month, 7 scale answers by month, 8 answers by question, 9 questions,
        # 10 the user's agency (page header), 11 PAQA's questions on the agencies' attendance,
        # 12-14 session refresh (savepoint, update, release)
        pytest.param("conferences:dashboard", "paqa", 14, id="dashboard"),
        # 1 session, 2 user, 3 roles, 4 the agency's rates, 5 the agency's months, 6 the user's agency,
        # 7-9 session refresh (savepoint, update, release)
        pytest.param("conferences:agency", "lead", 9, id="agency-view"),
    ],
)
def test_the_page_query_count_is_fixed(page, role, queries, world, client_for, many, django_assert_num_queries):
    from django.core.cache import cache

    client = client_for(world.user(role))
    client.get(reverse(page))
    cache.clear()  # the dashboard's figures counted afresh, as after a conference is recorded
    with django_assert_num_queries(queries):
        client.get(reverse(page))


def test_the_dashboard_figures_are_counted_once_until_a_conference_changes(
    world, client_for, many, django_assert_num_queries
):
    from conferences import services

    client = client_for(world.user("paqa"))
    first = client.get(reverse("conferences:dashboard")).context["totals"]
    # 1 session, 2 user, 3 roles, 4 the user's agency, 5 PAQA's questions, 6-8 session refresh:
    # the six counting queries are not made again.
    with django_assert_num_queries(8):
        again = client.get(reverse("conferences:dashboard")).context["totals"]
    assert again == first
    # Written behind the services' back, a row is not counted (the cached figures are read)...
    conference = Conference.objects.order_by("-conference_date").first()
    AgencyInvitation.objects.create(
        conference=conference, agency=AgencyFactory(), attended=False, conference_date=conference.conference_date
    )
    assert client.get(reverse("conferences:dashboard")).context["totals"] == first
    # ...and an attendance recorded through the services drops them: both rows are counted.
    services.invitation_save(conference=conference, agency=AgencyFactory(), attended=True)
    after = client.get(reverse("conferences:dashboard")).context["totals"]
    assert after != first
    agencies = client.get(reverse("conferences:dashboard")).context["agencies"]
    assert (
        sum(r["invited"] for r in agencies)
        == AgencyInvitation.objects.filter(
            conference_date__gte=client.get(reverse("conferences:dashboard")).context["start"]
        ).count()
    )


def test_the_record_page_query_count_is_fixed(world, client_for, many, django_assert_num_queries):
    client = client_for(world.user("ssm"))
    conference = ConferenceFactory(child_ref="CP-Q-1")
    for agency in [world.home, world.other]:
        InvitationFactory(conference=conference, agency=agency)
    q = scale_question()
    for score in (2, 4, 5):
        r = QuestionnaireResponse.objects.create(
            conference=conference, respondent="parent", method="paper", conference_date=conference.conference_date
        )
        Answer.objects.create(response=r, question=q, score=score)
    client.get(conference.get_absolute_url())
    # 1 session, 2 user, 3 roles, 4 conference, 5 agency rows, 6 standards, 7 responses,
    # 8 their answers with questions, 9 links, 10 the user's agency (page header),
    # 11-13 session refresh (savepoint, update, release)
    with django_assert_num_queries(13):
        client.get(conference.get_absolute_url())


def test_the_dashboard_tile_rates_equal_the_summary_for_both_periods(world, django_assert_num_queries):
    """The tile's rates come from one conditional-aggregate query per model over this period
    and the 12 months before, and equal what the annual summary counts for each period."""
    from conferences.summary import annual_summary, tile_period, tile_rates

    start, end = tile_period(dt.date.today())
    q = scale_question()
    # Conferences in this period, the 12 months before, and earlier (which neither counts).
    for i, day in enumerate(
        [start + dt.timedelta(days=9 * n) for n in range(8)]
        + [start - dt.timedelta(days=20 * n + 1) for n in range(10)]
        + [start - dt.timedelta(days=400 + 30 * n) for n in range(4)]
    ):
        late = i % 3 == 0
        c = ConferenceFactory(
            kind="initial" if i % 4 else "review",
            enquiry_start_date=day - dt.timedelta(days=40 if late else 10),
            conference_date=day,
            plan_start=day,
        )
        InvitationFactory(conference=c, agency=world.home, attended=i % 2 == 0)
        r = QuestionnaireResponse.objects.create(conference=c, respondent="parent", method="paper", conference_date=day)
        Answer.objects.create(response=r, question=q, score=1 + i % 5)
    paqa = world.user("paqa")
    keys = ["icpc_15wd_pct", "reviews_in_time_pct", "attendance_pct", "satisfaction_pct"]
    with django_assert_num_queries(3):
        now, before = tile_rates(start=start, end=end)
    expected_now = annual_summary(start=start, end=end, user=paqa)
    expected_before = annual_summary(
        start=start.replace(year=start.year - 1), end=start - dt.timedelta(days=1), user=paqa
    )
    assert now == {k: expected_now[k] for k in keys}
    assert before == {k: expected_before[k] for k in keys}
    assert now != before and None not in (now["icpc_15wd_pct"], before["attendance_pct"], now["satisfaction_pct"])
