"""The schools' education safeguarding audit (Education Act 2002, section 175 / 157) runs on the
Section 11 machinery with its own standards, loaded as data (section11/framework/*.csv)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from partnership.models import AgencyKind, S11Duty
from partnership.tests.factories import AgencyFactory, UserFactory
from section11 import framework, scoring, selectors, services
from section11.models import Audit, Return, StandardSet
from section11.tests.factories import add_evidence, make_return, open_round

pytestmark = pytest.mark.django_db


def _schools_set() -> StandardSet:
    framework.load()
    return StandardSet.objects.get(code="kcsie-2024")


def _schools_round(name="Schools safeguarding audit 2026-27", opens_on=None, deadline=None):
    return open_round(name=name, opens_on=opens_on, deadline=deadline, standard_set=_schools_set(), days_open=(10, 50))


@pytest.fixture
def school(world):
    agency = AgencyFactory(
        name="Oakfield Primary School", short_name="Oakfield", kind=AgencyKind.EDUCATION, s11_duty=S11Duty.VOLUNTARY
    )
    lead = UserFactory(username="oakfield-dsl", agency=agency, roles=["agency_lead"])
    return agency, lead


def test_the_schools_standards_load_as_their_own_set(db):
    standards = _schools_set()
    assert standards.audit == Audit.SCHOOLS
    assert [s.number for s in standards.standards.all()] == list(range(1, 10))
    assert standards.standards.get(number=3).title == "Safer recruitment and the single central record"
    assert standards.standards.get(number=3).fully_met_evidence == "document"
    assert all(s.criteria.count() == 3 for s in standards.standards.all())
    assert StandardSet.objects.get(code="pmf-2019").audit == Audit.SECTION_11


def test_every_education_agency_must_return_and_no_other_takes_part(world, school):
    rnd = _schools_round()
    assert list(rnd.participants.values_list("agency__name", "required")) == [("Oakfield Primary School", True)]


def test_a_school_answers_the_schools_standards_and_submits(world, school):
    agency, lead = school
    rnd = _schools_round()
    submission = services.return_start(round=rnd, agency=agency, by=lead)
    titles = list(submission.responses.values_list("standard__title", flat=True))
    assert titles[1] == "The designated safeguarding lead" and len(titles) == 9
    for response in submission.responses.all():
        services.standard_save(
            response=response,
            by=lead,
            version=response.version,
            rating=scoring.PARTIALLY_MET if response.standard.number == 7 else scoring.FULLY_MET,
            narrative="Described in our child protection policy.",
            no_action_reason="Filtering review booked with the trust." if response.standard.number == 7 else "",
        )
    # The policy and the single central record must be documents, not descriptions.
    with pytest.raises(
        ValidationError,
        match=r"standard 1 is rated fully met without evidence \(it needs an evidence document\); standard 3 is",
    ):
        services.return_submit(submission=submission, by=lead, senior_manager="Headteacher", declaration=True)
    add_evidence(submission, 1, name="Child protection policy 2026.pdf")
    add_evidence(submission, 3, name="Single central record summary.pdf")
    services.return_submit(submission=submission, by=lead, senior_manager="Headteacher", declaration=True)
    assert Return.objects.get(pk=submission.pk).status == Return.Status.SUBMITTED


def test_the_matrix_of_a_schools_round_has_the_schools_standards(world, school):
    agency, _lead = school
    rnd = _schools_round()
    make_return(agency, rnd=rnd, ratings="partially_met", agreed="partially_met", status="accepted")
    matrix = selectors.compliance_matrix(user=world.user("paqa"), round=rnd)
    assert matrix.standards[0].title == "Leadership, governance and safeguarding policy"
    assert [r.agency for r in matrix.rows] == ["Oakfield"] and matrix.rows[0].score == 50


def test_a_schools_round_neither_follows_nor_precedes_a_section_11_round(world, school):
    agency, _lead = school
    section11 = open_round(name="Section 11 2025", opens_on=dt.date(2025, 10, 1), deadline=dt.date(2025, 12, 1))
    make_return(agency, rnd=section11, ratings="fully_met", agreed="fully_met", status="accepted")
    schools = _schools_round(opens_on=dt.date(2026, 9, 1), deadline=dt.date(2026, 11, 1))
    assert schools.previous() is None
    submission = services.return_start(round=schools, agency=agency, by=None)
    assert submission.carried_from is None
    assert not submission.responses.filter(carried_forward=True).exists()
    later = _schools_round(name="Schools 2027", opens_on=dt.date(2027, 9, 1), deadline=dt.date(2027, 11, 1))
    assert later.previous() == schools


def test_the_current_section_11_round_is_never_a_schools_round(world, school):
    section11 = open_round(opens_on=dt.date.today() - dt.timedelta(days=30))
    _schools_round(opens_on=dt.date.today() - dt.timedelta(days=5))
    assert selectors.current_round() == section11
    assert selectors.current_round(audit=Audit.SCHOOLS).name == "Schools safeguarding audit 2026-27"


def test_a_schools_return_page_says_what_it_is(world, school, client_for):
    agency, lead = school
    submission = services.return_start(round=_schools_round(), agency=agency, by=lead)
    body = client_for(lead).get(submission.get_absolute_url()).content.decode()
    assert "Oakfield Primary School: education safeguarding audit (section 175 / 157)" in body
    assert Return.objects.filter(round__standard_set__audit=Audit.SCHOOLS).count() == 1
