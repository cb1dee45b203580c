import datetime as dt
import time
from decimal import Decimal

import factory
from django.core import signing

from governance.forms import FEEDBACK_SALT
from governance.models import (
    Attendance,
    Contribution,
    Course,
    ExpenditureLine,
    FinancialYear,
    Meeting,
    Objective,
    Plan,
    Priority,
    RoutedReport,
    TrainingPlace,
    TrainingSession,
)
from partnership.tests.factories import AgencyFactory, SubCommitteeFactory


class AgencyRowFactory(factory.django.DjangoModelFactory):
    """A row about one agency (an attendance, a contribution, a training place)."""

    class Meta:
        abstract = True

    agency = factory.SubFactory(AgencyFactory)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Business plan {n}")
    starts_on = dt.date(2025, 4, 1)
    ends_on = dt.date(2028, 3, 31)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Priority {n}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    priority = factory.SubFactory(PriorityFactory)
    code = factory.Sequence(lambda n: f"objective-{n}")
    title = factory.Sequence(lambda n: f"Objective {n}")
    subcommittee = factory.SubFactory(SubCommitteeFactory, code="paqa")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(SubCommitteeFactory, code="partnership")
    held_on = dt.date(2026, 1, 15)


class AttendanceFactory(AgencyRowFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    status = "attended"


class FinancialYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancialYear
        django_get_or_create = ["start_year"]

    start_year = 2025


class ContributionFactory(AgencyRowFactory):
    class Meta:
        model = Contribution

    year = factory.SubFactory(FinancialYearFactory)
    agreed = Decimal("10000.00")
    received = Decimal("10000.00")


class ExpenditureLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpenditureLine

    year = factory.SubFactory(FinancialYearFactory)
    category = "training"
    budget = Decimal("1000.00")
    actual = Decimal("1100.00")


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ["title"]

    title = factory.Sequence(lambda n: f"Course {n}")


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    course = factory.SubFactory(CourseFactory)
    held_on = dt.date(2026, 3, 10)
    places = 20


class TrainingPlaceFactory(AgencyRowFactory):
    class Meta:
        model = TrainingPlace

    session = factory.SubFactory(TrainingSessionFactory)
    role = "social_worker"


class RoutedReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutedReport

    title = factory.Sequence(lambda n: f"Report {n}")
    author_name = "A Author"
    source_kind = "audits"
    received_on = dt.date(2026, 10, 1)
    status = "received"


# A trainee's evaluation as the one-time link's form posts it.
EVALUATION_FORM = {
    "confidence_before": "2",
    "confidence_after": "4",
    "usefulness": "5",
    "would_recommend": "yes",
    "comment": "Useful",
}


def budget_pressure(year, agency, by, description: str, **fields):
    """A budget pressure the agency records for the year through the service: `fields` give its
    impact and mitigations, and its risk rating unless it is high."""
    from governance import services

    fields = {"risk_rating": "high", **fields}
    return services.pressure_create(year=year, agency=agency, by=by, description=description, **fields)


def feedback_data(campaign, *, started_ago=10.0, **extra) -> dict:
    """A practitioner's answers to every question of the campaign, as the public form posts them."""
    data = {
        "agency_kind": "education",
        "role": "teacher",
        "website": "",
        "started": signing.dumps(time.time() - started_ago, salt=FEEDBACK_SALT),
    }
    for q in campaign.questions.all():
        data[f"q{q.pk}"] = "4" if q.kind == "scale" else "More joint training"
    data.update(extra)
    return data
