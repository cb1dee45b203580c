"""PAQA's board asks for what it shows in a fixed number of queries, whatever the amount of data:
checked on data well beyond the demo's (many agencies submitting, late and missing returns, years
of questions, reports waiting)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import RoutedReport
from paqa.models import Question
from partnership.tests.factories import AgencyFactory
from scorecard import calendar
from scorecard.models import AgencyReturn, Submitter
from scorecard.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

#: 1 session, 2 user, 3 roles, 4 submitters with their indicators, agencies and people, 5 the
#: agencies' returns, 6 open questions by agency, 7 open questions, 8 reports awaiting PAQA, 9 the
#: next PAQA meeting, 10 the user's agency (page header), 11-13 session save (savepoint, update, release)
MOST = 13


def grow(world, *, agencies: int, indicators: int, questions: int, reports: int) -> None:
    today = timezone.localdate()
    made = [AgencyFactory() for _ in range(agencies)]
    for k in range(indicators):
        indicator = IndicatorFactory(frequency="monthly", due_days=5)
        for n, agency in enumerate(made):
            Submitter.objects.create(indicator=indicator, agency=agency)
            for i, (start, end) in enumerate(calendar.previous_periods("monthly", today, 2)):
                if (n + i + k) % 4 == 0:
                    continue  # missing
                due_on = calendar.due_date(end, 5)
                AgencyReturn.objects.create(
                    indicator=indicator, agency=agency, period_start=start, period_end=end, numerator=Decimal(3),
                    due_on=due_on, submitted_on=due_on + dt.timedelta(days=n % 3), days_late=n % 3,
                )  # fmt: skip
    for q in range(questions):
        Question.objects.create(
            figure_kind="indicator", figure_ref=f"X:{q}", figure_label=f"Figure {q}", agency=made[q % len(made)],
            text="Why?", due_on=today - dt.timedelta(days=q % 9 - 4), raised_on=today - dt.timedelta(days=30),
            status=("open", "answered", "closed")[q % 3],
        )  # fmt: skip
    for r in range(reports):
        RoutedReport.objects.create(title=f"Report {r}", source_kind="audits", status="received", received_on=today)


def board_queries(client) -> int:
    client.get(reverse("paqa:board"))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("paqa:board"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_board_query_count_does_not_grow_with_the_data(world, client_for, django_assert_max_num_queries):
    client = client_for(world.user("paqa"))
    grow(world, agencies=3, indicators=1, questions=2, reports=1)  # about the demo's size
    small = board_queries(client)
    grow(world, agencies=40, indicators=4, questions=120, reports=15)  # many times the demo
    with django_assert_max_num_queries(MOST):
        response = client.get(reverse("paqa:board"))
    assert response.status_code == 200
    assert board_queries(client) == small, small
    page = response.content.decode()
    assert "The first 40 of" in page  # a long list is cut on the board, whole in the pack
