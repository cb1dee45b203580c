"""The panel's information requests: only the addressee sees and answers; the panel sees who has not."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cdop import rules, services
from cdop.models import InformationRequest
from cdop.tests.factories import DeathFactory
from partnership.models import SecurityEvent

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2025, 2, 3)


def test_a_request_is_waiting_then_overdue_after_its_due_day_then_answered():
    assert rules.request_state(answered_on=None, due_on=TODAY, today=TODAY) == "waiting"
    assert rules.request_state(answered_on=None, due_on=TODAY, today=TODAY + dt.timedelta(days=1)) == "overdue"
    assert rules.request_state(answered_on=TODAY, due_on=D(2025, 1, 1), today=TODAY) == "answered"


def test_a_request_needs_a_question_and_a_due_date_not_in_the_past():
    assert rules.request_problems(due_on=None, question=" ", today=TODAY) == {
        "question": "Say what the panel needs to know from this agency.",
        "due_on": "Give the date the answer is due.",
    }
    assert rules.request_problems(due_on=D(2025, 2, 2), question="x", today=TODAY) == {
        "due_on": "The answer cannot be due before today."
    }


def _send(world, death, addressee=None, **extra):
    addressee = addressee or world.user("lead")
    return services.information_request_send(
        death=death,
        by=world.user("cdop"),
        agency=addressee.agency,
        addressee=addressee,
        question="What did your agency know of the family in the year before the death?",
        due_on=D(2025, 3, 3),
        today=TODAY,
        **extra,
    )


def test_the_designated_person_must_belong_to_the_agency_asked(cdop_data, world):
    with pytest.raises(ValidationError) as exc:
        services.information_request_send(
            death=DeathFactory(),
            by=world.user("cdop"),
            agency=world.other,
            addressee=world.user("lead"),
            question="Anything?",
            due_on=D(2025, 3, 3),
            today=TODAY,
        )
    assert "someone in that agency" in exc.value.message_dict["addressee"][0]


def test_only_the_addressee_sees_the_request_not_their_colleagues(cdop_data, world):
    info = _send(world, DeathFactory())
    visible = {key for key in ("bu", "paqa", "chair", "board", "lead", "contributor", "cdop", "ssm")}
    seen = {k for k in visible if InformationRequest.objects.for_user(world.user(k)).filter(pk=info.pk).exists()}
    assert seen == {"lead", "cdop"}
    assert not InformationRequest.objects.for_user(world.other_lead).exists()


def test_the_answer_is_given_once_by_the_addressee(cdop_data, world):
    info = _send(world, DeathFactory())
    with pytest.raises(PermissionError):
        services.information_request_answer(request=info, by=world.user("contributor"), version=1, answer="x")
    with pytest.raises(ValidationError) as exc:
        services.information_request_answer(request=info, by=world.user("lead"), version=1, answer=" ")
    assert "no involvement" in exc.value.message_dict["answer"][0]
    info = services.information_request_answer(
        request=info, by=world.user("lead"), version=1, answer="Two attendances at the front desk.", today=TODAY
    )
    assert info.answered_on == TODAY and info.answered_by == world.user("lead")
    with pytest.raises(ValidationError):
        services.information_request_answer(request=info, by=world.user("lead"), version=info.version, answer="More")


def test_every_view_of_a_request_is_logged_and_the_page_shows_no_more_than_the_case_number(
    cdop_data, world, client_for
):
    death = DeathFactory(case_number="CD-2025-077")
    info = _send(world, death)
    body = client_for(world.user("lead")).get(info.get_absolute_url()).content.decode()
    assert "Case CD-2025-077" in body or "case CD-2025-077" in body
    assert "Back to case" not in body  # the case page is the panel's only
    assert SecurityEvent.objects.filter(kind="cdop_view", detail__contains=f"information request {info.pk}").exists()
    assert client_for(world.user("contributor")).get(info.get_absolute_url()).status_code == 404


def test_the_panel_sees_who_has_not_answered(cdop_data, world, client_for):
    death = DeathFactory()
    _send(world, death)
    answered = _send(world, death, addressee=world.other_lead)
    services.information_request_answer(request=answered, by=world.other_lead, version=1, answer="None.", today=TODAY)
    body = client_for(world.user("cdop")).get(death.get_absolute_url()).content.decode()
    assert "Not answered" in body and "Answered 3 Feb 2025" in body
    listing = client_for(world.user("cdop")).get(reverse("cdop:request_list")).content.decode()
    assert "<strong>1</strong> not answered yet" in listing


def test_an_empty_answer_is_refused_on_the_page_and_nothing_is_lost(cdop_data, world, client_for):
    info = _send(world, DeathFactory())
    response = client_for(world.user("lead")).post(info.get_absolute_url(), {"answer": "   ", "version": "1"})
    assert response.status_code == 200
    assert "say that it had no involvement" in response.content.decode()
    info.refresh_from_db()
    assert not info.answered


def test_the_send_form_keeps_what_was_typed_when_refused(cdop_data, world, client_for):
    death = DeathFactory()
    response = client_for(world.user("cdop")).post(
        reverse("cdop:request_create", args=[death.pk]),
        {
            "agency": world.other.pk,
            "addressee": world.user("lead").pk,
            "question": "Typed question kept",
            "due_on": "2099-01-01",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "someone in that agency" in body and "Typed question kept" in body
    assert not InformationRequest.objects.exists()


def test_the_addressee_is_told_on_their_home_page(cdop_data, world, client_for):
    _send(world, DeathFactory())
    body = client_for(world.user("lead")).get("/").content.decode()
    assert "1 request waiting for your answer" in body
    assert "request waiting" not in client_for(world.user("contributor")).get("/").content.decode()
