"""The annual summary and dashboard tile: plain figures, no invented zeros, access respected."""

import datetime as dt

import pytest

from audits import practice_services
from audits.models import CaseAgency, Escalation, FollowUp
from audits.summary import annual_summary, dashboard_tile
from audits.tests.factories import AgencyAuditFactory, FindingFactory, PracticeAuditFactory

pytestmark = pytest.mark.django_db
START, END = dt.date(2024, 4, 1), dt.date(2025, 3, 31)


def test_an_empty_year_says_no_data(world):
    summary = annual_summary(start=START, end=END, user=world.user("paqa"))
    assert summary["no_data"] is True
    assert summary["single_agency"]["follow_ups_on_time"] is None
    assert summary["practice"]["overall"]["compliance"] is None
    assert summary["practice"]["audits"] == []


def test_it_counts_the_years_audits_as_the_user_may_see_them(world, standards, third):
    home = AgencyAuditFactory(agency=world.home, reported_on=dt.date(2024, 6, 1), status="reported")
    FindingFactory(audit=home, grade="shortfall")
    FindingFactory(audit=home, grade="good_practice")
    canary = AgencyAuditFactory(agency=world.other, reported_on=dt.date(2024, 7, 1), status="reported")
    FindingFactory(audit=canary)
    Escalation.objects.create(audit=home, reason="x", escalated_by=world.user("paqa"), escalated_on=dt.date(2024, 8, 1))
    FollowUp.objects.create(
        audit=home, due_date=dt.date(2024, 9, 1), requested_by=world.user("paqa"), submitted_on=dt.date(2024, 8, 30)
    )
    audit = PracticeAuditFactory(
        lead=world.user("paqa"),
        standards=standards,
        agencies=[world.home, world.other],
        start_date=dt.date(2024, 5, 1),
        end_date=dt.date(2024, 7, 1),
    )
    practice_services.candidates_load(
        audit=audit, by=world.user("paqa"), rows=[{"reference": "A-1", "agencies": "Home;Canary"}], source="x"
    )
    practice_services.sample_draw(audit=audit, by=world.user("paqa"), size=1, seed=1)
    criteria = [c for s in standards for c in s.criteria.all()]
    for review in CaseAgency.objects.all():
        practice_services.case_agency_record(
            review=review, by=world.user("paqa"), version=1, answers={c.pk: "met" for c in criteria}
        )

    paqa = annual_summary(start=START, end=END, user=world.user("paqa"))
    assert paqa["single_agency"]["reported"] == 2
    assert paqa["single_agency"]["escalated"] == 1
    assert paqa["single_agency"]["escalations_open_at_end"] == 1
    assert paqa["single_agency"]["follow_ups_due"] == 1 and paqa["single_agency"]["follow_ups_on_time"] == 1
    assert paqa["practice"]["cases"] == 1
    assert paqa["practice"]["overall"]["compliance"] == 100
    assert paqa["no_data"] is False

    lead = annual_summary(start=START, end=END, user=world.user("lead"))
    assert lead["single_agency"]["reported"] == 1
    assert dict(lead["single_agency"]["findings"]) == {"Good practice": 1, "Shortfall / concern": 1}


def test_the_dashboard_tile_has_headline_figures_and_a_link(world):
    AgencyAuditFactory(agency=world.home, status="planned")
    AgencyAuditFactory(agency=world.other, status="planned")
    tile = dashboard_tile(user=world.user("lead"))
    assert tile["url"] == "/audits/"
    assert dict(tile["figures"][:1])["Audits planned or in progress"] == 1
    assert dict(dashboard_tile(user=world.user("paqa"))["figures"][:1])["Audits planned or in progress"] == 2
    assert tile["figures"][1]["href"] == "/audits/?status=reported"
