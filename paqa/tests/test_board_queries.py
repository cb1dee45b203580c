"""PAQA's board asks for what it shows in a fixed number of queries, whatever the amount of data:
checked on data well beyond the demo's (many agencies submitting, late and missing returns, years
of questions, reports waiting)."""

import datetime as dt
import re
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

#: 1 session, 2 user, 3 roles, 4 the submitted indicators' frequencies and due days, 5-6 the first
#: 40 missing and late figures, 7 who is responsible for them, 8-9 how many are missing and late,
#: 10 open questions by agency, 11 open questions, 12 reports awaiting PAQA, 13 the next PAQA
#: meeting, 14 the user's agency (page header), 15-17 session save (savepoint, update, release)
MOST = 17


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


def board_page(client) -> str:
    """The board as read, without the form token that changes on every request."""
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", client.get(reverse("paqa:board")).content.decode())


def per_return(user, today) -> dict:
    """The board's lists worked out one agency return at a time (the data calendar's own rule)."""
    from scorecard.selectors import _rows

    submitters = (
        Submitter.objects.for_user(user)
        .filter(active=True, indicator__active=True)
        .select_related("indicator", "agency", "responsible")
    )
    rows = _rows(submitters, lambda s: calendar.previous_periods(s.indicator.frequency, today, 2), today)

    def item(r):
        return (r.submitter.indicator.code, str(r.submitter.agency), f"{r.period_start:%b %Y}", r.due_on,
                str(r.submitter.responsible) if r.submitter.responsible else "Agency lead",
                r.submitted.submitted_on if r.submitted else None, r.submitted.days_late if r.submitted else None)  # fmt: skip

    return {
        "missing": [item(r) for r in rows if r.state == calendar.MISSING_STATE],
        "late": [item(r) for r in rows if r.state == calendar.LATE],
    }


def test_the_missing_and_late_lists_match_the_calendar_rule_return_by_return(world):
    from scorecard import summary

    grow(world, agencies=12, indicators=3, questions=0, reports=0)
    today = timezone.localdate()
    quarterly = IndicatorFactory(frequency="quarterly", due_days=30)
    for n, agency in enumerate([world.home, *(AgencyFactory() for _ in range(4))]):
        # one agency is expected only from the latest quarter on, one has a named person responsible
        start, end = calendar.previous_periods("quarterly", today, 1)[0]
        Submitter.objects.create(
            indicator=quarterly, agency=agency, expected_from=start if n == 0 else None,
            responsible=world.user("lead") if n == 1 else None,
        )  # fmt: skip
        if n >= 3:
            due_on = calendar.due_date(end, 30)
            AgencyReturn.objects.create(
                indicator=quarterly, agency=agency, period_start=start, period_end=end, numerator=Decimal(1),
                due_on=due_on, submitted_on=due_on + dt.timedelta(days=n - 3), days_late=n - 3,
            )  # fmt: skip
    user = world.user("paqa")
    expected = per_return(user, today)
    assert expected["missing"] and expected["late"]

    def shown(items):
        return [(i["code"], i["agency"], i["period"], i["due_on"], i["responsible"], i["submitted_on"], i["days_late"])
                for i in items]  # fmt: skip

    whole = summary.returns_exceptions(user=user, today=today)
    assert shown(whole["missing"]) == expected["missing"] and shown(whole["late"]) == expected["late"]
    assert (whole["missing_count"], whole["late_count"]) == (len(expected["missing"]), len(expected["late"]))
    cut = summary.returns_exceptions(user=user, today=today, limit=5)
    assert shown(cut["missing"]) == expected["missing"][:5] and shown(cut["late"]) == expected["late"][:5]
    assert (cut["missing_count"], cut["late_count"]) == (len(expected["missing"]), len(expected["late"]))
    lead = world.user("lead")  # an agency's own returns only
    assert per_return(lead, today)["missing"]
    assert shown(summary.returns_exceptions(user=lead, today=today)["missing"]) == per_return(lead, today)["missing"]


def test_ten_more_years_of_returns_and_figures_leave_the_board_unchanged(world, client_for):
    from scorecard.models import Indicator, Measurement

    client = client_for(world.user("paqa"))
    grow(world, agencies=6, indicators=2, questions=12, reports=2)
    before = board_queries(client)
    page = board_page(client)
    today = timezone.localdate()
    for indicator in Indicator.objects.filter(submitters__isnull=False).distinct():
        periods = calendar.previous_periods("monthly", today, 130)[2:]
        Measurement.objects.bulk_create(
            Measurement(
                indicator=indicator,
                period_start=start,
                period_end=end,
                value=Decimal(k % 50),
                entered_at=timezone.now(),
            )
            for k, (start, end) in enumerate(periods)
        )
        for submitter in indicator.submitters.all():
            AgencyReturn.objects.bulk_create(
                AgencyReturn(
                    indicator=indicator, agency=submitter.agency, period_start=start, period_end=end,
                    numerator=Decimal(2), due_on=end, submitted_on=end + dt.timedelta(days=9), days_late=9,
                )
                for start, end in periods
            )  # fmt: skip
    assert board_queries(client) == before
    assert board_page(client) == page
