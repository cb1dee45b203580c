"""Lists and the analysis page: the number of queries does not grow with the data."""

import datetime as dt

import pytest
from django.urls import reverse

from audits.models import Answer, AuditCase, CaseAgency, CaseSample, Criterion, FollowUp
from audits.tests.factories import AgencyAuditFactory, PracticeAuditFactory, standard_with_criteria
from partnership.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_the_programme_list_uses_a_fixed_number_of_queries(world, client_for, django_assert_num_queries):
    agencies = [AgencyFactory() for _ in range(5)]
    for i in range(60):
        audit = AgencyAuditFactory(
            agency=agencies[i % 5], independent=i % 4 == 0, auditing_agency=world.home if i % 4 == 0 else None
        )
        FollowUp.objects.create(audit=audit, due_date=dt.date(2020, 1, 1), requested_by=world.user("paqa"))
    client = client_for(world.user("paqa"))
    client.get(reverse("audits:index"))
    # session, user, roles; count of audits; agency filter choices; the user's agency
    # (page header);
    # one page of audits (agency and auditing agency joined, follow-ups and escalations counted);
    # recent practice audits; session save (savepoint, update, release).
    with django_assert_num_queries(11) as ctx:
        response = client.get(reverse("audits:index"))
    assert response.status_code == 200
    first = len(ctx.captured_queries)
    for i in range(40):
        AgencyAuditFactory(agency=agencies[i % 5])
    with django_assert_num_queries(first):
        client.get(reverse("audits:index"))


def test_the_analysis_page_uses_a_fixed_number_of_queries(world, client_for, django_assert_num_queries):
    standards = [standard_with_criteria(2) for _ in range(3)]
    agencies = [AgencyFactory() for _ in range(4)]
    audit = PracticeAuditFactory(lead=world.user("paqa"), standards=standards, agencies=agencies)
    CaseSample.objects.create(audit=audit, source="x", loaded_by=world.user("paqa"))
    criteria = list(Criterion.objects.filter(standard__in=standards))

    def add_cases(start, n):
        for i in range(start, start + n):
            case = AuditCase.objects.create(audit=audit, reference=f"C-{i}", position=i, grade="good")
            for agency in agencies:
                review = CaseAgency.objects.create(case=case, agency=agency, strengths="s", learning="l")
                Answer.objects.bulk_create([Answer(case_agency=review, criterion=c, value="met") for c in criteria])

    add_cases(0, 5)
    client = client_for(world.user("paqa"))
    url = reverse("audits:practice_analysis", args=[audit.pk])
    client.get(url)
    # session, user, roles; the audit; analysis: standards, answers counted by standard,
    # agency and answer (one GROUP BY), the agencies named, case grades, narrative reviews;
    # the user's agency (page header); recommendations; action plan; session save (3).
    with django_assert_num_queries(15) as ctx:
        assert client.get(url).status_code == 200
    first = len(ctx.captured_queries)
    add_cases(5, 20)
    with django_assert_num_queries(first):
        client.get(url)
