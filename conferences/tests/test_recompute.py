"""The indicators the conference records produce equal a hand count, and recomputing replaces them."""

import datetime as dt
from decimal import Decimal

import pytest

from conferences import services
from conferences.models import Answer, QuestionnaireResponse
from conferences.tests.factories import ConferenceFactory, InvitationFactory, scale_question
from partnership.tests.factories import AgencyFactory
from scorecard.framework import load_catalogue
from scorecard.models import Measurement

D = dt.date
pytestmark = pytest.mark.django_db
MAY = (D(2025, 5, 1), D(2025, 5, 31))
JUNE = (D(2025, 6, 1), D(2025, 6, 30))
FY = (D(2025, 4, 1), D(2026, 3, 31))


def initial(ref, enquiry_start, held, **fields):
    """An initial conference; the plan starts on the day unless `fields` say otherwise."""
    return ConferenceFactory(
        child_ref=ref, enquiry_start_date=enquiry_start, conference_date=held, **({"plan_start": held} | fields)
    )


def review(ref, held, *, plan_start, **fields):
    """A review conference of a child on a plan since `plan_start`; the plan goes on unless `fields` say otherwise."""
    return ConferenceFactory(
        child_ref=ref,
        kind="review",
        enquiry_start_date=None,
        conference_date=held,
        plan_start=plan_start,
        **({"outcome": "plan_continued"} | fields),
    )


@pytest.fixture
def records():
    """Two months of conferences, made by hand so the figures can be counted by hand."""
    load_catalogue()
    police, health = AgencyFactory(name="Police"), AgencyFactory(name="Health")
    # May: three initial conferences. Enquiry start Thursday 1 May; 15 working days is
    # Friday 23 May (Monday 5 May and Monday 26 May are bank holidays).
    a = initial("CP-A-1", D(2025, 5, 1), D(2025, 5, 23))  # timely, plan made
    b = initial("CP-B-1", D(2025, 5, 1), D(2025, 5, 27), second_plan=True)  # late (day 16), second plan
    # Timely, no plan.
    initial("CP-C-1", D(2025, 5, 8), D(2025, 5, 20), outcome="no_plan", plan_category="", plan_start=None)
    # June: two reviews of children first conferenced earlier.
    initial("CP-D-1", D(2025, 2, 20), D(2025, 3, 5))
    d2 = review("CP-D-1", D(2025, 6, 5), plan_start=D(2025, 3, 5))  # due 5 June: timely
    initial("CP-E-1", D(2023, 5, 2), D(2023, 5, 12))
    review("CP-E-1", D(2023, 8, 10), plan_start=D(2023, 5, 12))
    # Late; 2+ years.
    e3 = review("CP-E-1", D(2025, 6, 12), plan_start=D(2023, 5, 12), outcome="plan_ended", plan_end=D(2025, 6, 12))
    # Agencies: May 4 invitations (3 attended, 2 reports on time); June 2 (1 attended, 1 on time).
    InvitationFactory(conference=a, agency=police, attended=True, report_on_time=True)
    InvitationFactory(conference=a, agency=health, attended=False, report_on_time=False)
    InvitationFactory(conference=b, agency=police, attended=True, report_on_time=True)
    InvitationFactory(conference=b, agency=health, attended=True, report_on_time=False)
    InvitationFactory(conference=d2, agency=police, attended=False, report_on_time=True)
    InvitationFactory(conference=e3, agency=health, attended=True, report_on_time=False)
    # Questionnaires: May answers 5, 4, 2 (2 of 3 agree); June 3 (0 of 1).
    q = scale_question()
    for conference, scores in ((a, [5, 4]), (b, [2]), (d2, [3])):
        for score in scores:
            r = QuestionnaireResponse.objects.create(
                conference=conference, respondent="parent", method="paper", conference_date=conference.conference_date
            )
            Answer.objects.create(response=r, question=q, score=score)


def figures(code: str) -> dict:
    return {
        (m.period_start, m.period_end): (m.numerator, m.denominator, m.value, m.origin)
        for m in Measurement.objects.filter(indicator__code=code)
    }


def hand(num, den, value):
    return (Decimal(num), Decimal(den), Decimal(value), "computed:conferences")


HAND_COUNT = {
    "CP_ICPC_15WD": {MAY: hand(2, 3, "66.7"), FY: hand(2, 3, "66.7")},
    "CP_REVIEWS_IN_TIME": {JUNE: hand(1, 2, "50.0"), FY: hand(1, 2, "50.0")},
    "CP_SECOND_PLAN": {MAY: hand(1, 2, "50.0"), FY: hand(1, 2, "50.0")},
    "CP_PLANS_ENDED_2YRS": {JUNE: hand(1, 1, "100.0"), FY: hand(1, 1, "100.0")},
    "CONF_AGENCY_ATTENDANCE": {MAY: hand(3, 4, "75.0"), JUNE: hand(1, 2, "50.0"), FY: hand(4, 6, "66.7")},
    "CONF_REPORTS_ON_TIME": {MAY: hand(2, 4, "50.0"), JUNE: hand(1, 2, "50.0"), FY: hand(3, 6, "50.0")},
    "CONF_QUESTIONNAIRE_SATISFACTION": {MAY: hand(2, 3, "66.7"), JUNE: hand(0, 1, "0.0"), FY: hand(2, 4, "50.0")},
}


def test_the_indicators_equal_a_hand_count(records):
    services.indicators_recompute(start=D(2025, 5, 1), end=D(2025, 6, 30))
    for code, expected in HAND_COUNT.items():
        assert figures(code) == expected, code


def test_recomputing_replaces_the_values_and_never_duplicates(records):
    services.indicators_recompute(start=D(2025, 5, 1), end=D(2025, 6, 30))
    count = Measurement.objects.count()
    late = initial("CP-F-1", D(2025, 5, 1), D(2025, 5, 30))
    assert late.timely is False
    services.indicators_recompute(start=D(2025, 5, 1), end=D(2025, 6, 30))
    assert Measurement.objects.count() == count
    assert figures("CP_ICPC_15WD")[MAY] == hand(2, 4, "50.0")


def test_the_task_recomputes_the_same_figures(records):
    from conferences.tasks import recompute_indicators

    recompute_indicators.delay("2025-05-01", "2025-06-30").get()
    assert figures("CP_ICPC_15WD") == HAND_COUNT["CP_ICPC_15WD"]


def test_the_beat_schedule_runs_it_nightly():
    from bscp_portal.schedule import beat_schedule

    assert beat_schedule()["conferences-recompute-indicators"]["task"] == "conferences.tasks.recompute_indicators"


def test_the_business_unit_button_queues_the_recompute(records, world, client_for, django_capture_on_commit_callbacks):
    from django.urls import reverse

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.user("bu")).post(reverse("conferences:recompute"))
    assert response.status_code == 302
    assert Measurement.objects.filter(origin="computed:conferences").exists()


def test_the_button_works_on_29_february(records, world, client_for, django_capture_on_commit_callbacks):
    import time_machine
    from django.urls import reverse

    with time_machine.travel(dt.datetime(2028, 2, 29, 12, tzinfo=dt.UTC)):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(world.user("bu")).post(reverse("conferences:recompute"), follow=True)
    assert response.redirect_chain == [(reverse("conferences:dashboard"), 302)]
    assert "The conference indicators are being recomputed from the conference records" in response.text
