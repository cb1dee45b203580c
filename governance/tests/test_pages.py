"""The smaller pages: home panel, meeting set-up, training records and an entered evaluation."""

import datetime as dt

import pytest
from django.urls import reverse

from governance import report_services, voice_services
from governance.models import Evaluation, Meeting, TrainingPlace
from governance.tests.factories import AttendanceFactory, MeetingFactory, TrainingSessionFactory
from partnership.tests.factories import SubCommitteeFactory

pytestmark = pytest.mark.django_db


def test_the_business_unit_sets_up_a_meeting_with_its_expected_agencies(world, client_for):
    body = SubCommitteeFactory(code="partnership")
    response = client_for(world.user("bu")).post(
        reverse("governance:meeting_create"),
        {
            "body": body.pk,
            "held_on": "2026-12-10",
            "title": "December board",
            "expected_agencies": [world.home.pk, world.other.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.attendance.count() == 2


def test_a_meeting_without_expected_agencies_is_refused_with_values_kept(world, client_for):
    body = SubCommitteeFactory(code="partnership")
    response = client_for(world.user("bu")).post(
        reverse("governance:meeting_create"), {"body": body.pk, "held_on": "2026-12-10", "title": "Typed title"}
    )
    assert response.status_code == 400
    assert "Typed title" in response.content.decode() and not Meeting.objects.exists()


def test_the_business_unit_records_places_and_enters_a_paper_evaluation(world, client_for):
    session = TrainingSessionFactory(places=5)
    client = client_for(world.user("bu"))
    client.post(
        reverse("governance:places_add", args=[session.pk]), {"agency": world.home.pk, "role": "teacher", "count": 3}
    )
    assert TrainingPlace.objects.filter(session=session).count() == 3
    too_many = client.post(
        reverse("governance:places_add", args=[session.pk]), {"agency": world.home.pk, "role": "teacher", "count": 3}
    )
    assert too_many.status_code == 400 and "had 5 places" in too_many.content.decode()
    client.post(
        reverse("governance:evaluation_enter", args=[session.pk]),
        {"confidence_before": "3", "confidence_after": "5", "usefulness": "4", "would_recommend": "no", "comment": ""},
    )
    evaluation = Evaluation.objects.get()
    assert (evaluation.place, evaluation.would_recommend, evaluation.confidence_after) == (None, False, 5)


def test_the_home_panel_shows_a_chair_the_agencies_below_the_threshold(world, client_for):
    m = MeetingFactory(held_on=dt.date.today() - dt.timedelta(days=5))
    AttendanceFactory(meeting=m, agency=world.other, status="absent")
    body = client_for(world.user("chair")).get(reverse("home")).content.decode()
    assert "Attendance below 75%" in body and "Canary Agency (0.0%)" in body


def test_the_home_panel_shows_paqa_the_reports_waiting_and_asks_members_to_rate(world, client_for):
    report_services.report_receive(title="R", author="A", source_kind="audits", received_on=dt.date.today())
    voice_services.survey_open(year=2026)
    body = client_for(world.user("paqa")).get(reverse("home")).content.decode()
    assert "1 report waiting for PAQA" in body
    assert "Please rate the partnership" in body  # PAQA members sit on a sub-committee


def test_nothing_shows_on_the_home_page_when_nothing_needs_the_person(world, client_for):
    body = client_for(world.user("contributor")).get(reverse("home")).content.decode()
    assert "gov-panel-heading" not in body


@pytest.mark.parametrize(
    "model",
    ["plan", "objective", "quorumrule", "meeting", "financialyear", "course", "ratingsurvey", "feedbackcampaign"],
)
def test_the_business_unit_configures_in_the_admin(world, client_for, model):
    assert client_for(world.user("bu")).get(reverse(f"admin:governance_{model}_changelist")).status_code == 200
    assert client_for(world.user("bu")).get(reverse(f"admin:governance_{model}_add")).status_code == 200
