"""Resolving professional disagreements: stages in order, days at each, counts for PAQA."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits import disagreement_rules as rules
from audits import disagreement_services as services
from audits.models import Disagreement
from audits.selectors import disagreement_counts

D = dt.date
TODAY = D(2025, 6, 30)


def test_days_at_each_stage_run_to_the_next_stage_then_to_the_resolution():
    dates = {"raised_on": D(2025, 1, 6), "manager_on": D(2025, 1, 13), "senior_manager_on": D(2025, 2, 3)}
    assert rules.days_at_stages(dates, D(2025, 2, 10), TODAY) == [
        ("Practitioner to practitioner", 7),
        ("Manager to manager", 21),
        ("Senior manager", 7),
    ]
    assert rules.days_at_stages({"raised_on": D(2025, 6, 20)}, None, TODAY) == [("Practitioner to practitioner", 10)]
    assert rules.stage_reached(dates) == "senior_manager"


def test_a_stage_cannot_be_skipped_or_come_before_the_one_before_it():
    skipped = rules.stage_problems({"raised_on": D(2025, 1, 6), "senior_manager_on": D(2025, 1, 20)}, None, TODAY)
    assert skipped == {
        "senior_manager_on": "Senior manager cannot be reached before manager to manager: give that date first."
    }
    early = rules.stage_problems({"raised_on": D(2025, 1, 6), "manager_on": D(2025, 1, 2)}, None, TODAY)
    assert early == {"manager_on": "Manager to manager cannot be before practitioner to practitioner (06/01/2025)."}
    resolved_early = rules.stage_problems({"raised_on": D(2025, 1, 6)}, D(2025, 1, 5), TODAY)
    assert "resolved_on" in resolved_early


@pytest.fixture(autouse=True)
def indicator(db):
    """The scorecard indicator resolved disagreements feed."""
    from scorecard.tests.factories import IndicatorFactory

    return IndicatorFactory(code="DISAGREE_RESOLVED_EARLY", frequency="annual")


def _record(world, raised_by, with_agency, **fields):
    base = {
        "raised_by_agency": raised_by,
        "with_agency": with_agency,
        "subject": "Whether a strategy discussion was needed.",
        "raised_on": D(2025, 1, 6),
    }
    return services.disagreement_record(by=world.user("bu"), today=TODAY, **(base | fields))


@pytest.mark.django_db
def test_the_counts_by_agency_pair_stage_and_outcome_are_exact(world):
    from partnership.tests.factories import AgencyFactory

    third = AgencyFactory(name="Third", short_name="Third")
    _record(world, world.home, world.other)
    _record(world, world.home, world.other, manager_on=D(2025, 1, 10))
    _record(
        world,
        world.other,
        third,
        manager_on=D(2025, 1, 10),
        senior_manager_on=D(2025, 1, 20),
        outcome="changed",
        resolved_on=D(2025, 2, 1),
    )
    counts = disagreement_counts(Disagreement.objects.all())
    assert counts["pairs"] == [{"label": "Home with Canary", "n": 2}, {"label": "Canary with Third", "n": 1}]
    assert [(r["label"], r["n"]) for r in counts["stages"]] == [
        ("Practitioner to practitioner", 1),
        ("Manager to manager", 1),
        ("Senior manager", 1),
        ("Partnership (safeguarding partners)", 0),
    ]
    outcomes = {r["label"]: r["n"] for r in counts["outcomes"]}
    assert outcomes["Not resolved yet"] == 2 and outcomes["Resolved: the decision challenged was changed"] == 1
    assert counts["total"] == 3


@pytest.mark.django_db
def test_an_outcome_needs_its_date_and_the_agencies_must_differ(world):
    with pytest.raises(ValidationError) as exc:
        _record(world, world.home, world.home, outcome="agreed")
    assert set(exc.value.message_dict) == {"with_agency", "resolved_on"}


@pytest.mark.django_db
def test_escalating_moves_the_stage_and_keeps_history(world):
    record = _record(world, world.home, world.other)
    record = services.disagreement_update(
        record=record, by=world.user("lead"), version=record.version, manager_on=D(2025, 1, 9), today=TODAY
    )
    assert record.stage == "manager" and record.history.count() == 2


def _typed(raised_by, with_agency, subject: str, **fields) -> dict:
    """The disagreement form as typed: raised on 6 January 2025 and still open."""
    return {
        "raised_by_agency": raised_by.pk,
        "with_agency": with_agency.pk,
        "subject": subject,
        "raised_on": "2025-01-06",
        "outcome": "open",
        **fields,
    }


@pytest.mark.django_db
def test_the_form_keeps_what_was_typed_and_explains_a_skipped_stage(world, client_for):
    response = client_for(world.user("lead")).post(
        reverse("audits:disagreement_create"),
        _typed(world.home, world.other, "Typed subject kept", partnership_on="2025-02-06"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "cannot be reached before manager to manager" in body and "Typed subject kept" in body
    assert not Disagreement.objects.exists()


@pytest.mark.django_db
def test_an_agency_lead_records_only_for_their_own_agency(world, client_for):
    response = client_for(world.user("lead")).post(
        reverse("audits:disagreement_create"),
        _typed(world.other, world.home, "x"),
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Disagreement.objects.exists()


@pytest.mark.django_db
def test_the_demo_has_two_disagreements_once():
    from audits import demo
    from partnership import demo as partnership_demo
    from partnership import framework

    framework.load()
    partnership_demo.seed()
    demo._seed_disagreements(None)
    demo._seed_disagreements(None)
    assert sorted(Disagreement.objects.values_list("stage", "outcome")) == [
        ("manager", "changed"),
        ("senior_manager", "open"),
    ]


def test_the_share_resolved_early_leaves_withdrawn_out():
    assert rules.resolved_early([]) is None
    assert rules.resolved_early(["practitioner", "manager", "senior_manager"]) == (2, 3, 66.7)


@pytest.mark.django_db
def test_resolving_writes_the_years_scorecard_figure(world, indicator):
    from scorecard.models import Measurement

    _record(world, world.home, world.other, manager_on=D(2025, 1, 10), outcome="agreed", resolved_on=D(2025, 1, 20))
    _record(world, world.home, world.other, outcome="withdrawn", resolved_on=D(2025, 1, 8))
    late = _record(world, world.other, world.home, manager_on=D(2025, 1, 10), senior_manager_on=D(2025, 1, 14))
    services.disagreement_update(
        record=late, by=world.user("bu"), version=late.version, outcome="upheld", resolved_on=D(2025, 2, 3), today=TODAY
    )
    figure = Measurement.objects.get(indicator=indicator)
    assert (figure.period_start, figure.period_end) == (D(2024, 4, 1), D(2025, 3, 31))
    assert (figure.numerator, figure.denominator, float(figure.value)) == (1, 2, 50.0)
    assert figure.origin == "computed:audits"
