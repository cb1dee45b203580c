"""The chair's regular meetings with sub-committee chairs: date, attendees, decisions, and the
actions agreed as SMART actions in the actions strand."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.selectors import actions_for_source
from actions.tests.factories import action_on
from governance import services
from governance.models import ChairsMeeting

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 1, 12)


def _record(world, **changes):
    values = {
        "held_on": DAY,
        "by": world.user("bu"),
        "attendees": [world.user("chair"), world.user("board")],
        "decisions": ["Neglect audit to report to PAQA in March", "", "  Training standards to be reviewed  "],
        "today": DAY,
    }
    return services.chairs_meeting_record(**{**values, **changes})


def test_it_records_the_attendees_and_each_decision_in_order(world):
    meeting = _record(world, others_present="Business manager")
    assert set(meeting.attendees.all()) == {world.user("chair"), world.user("board")}
    assert list(meeting.decisions.values_list("text", "order")) == [
        ("Neglect audit to report to PAQA in March", 1),
        ("Training standards to be reviewed", 2),
    ]


def test_a_meeting_in_the_future_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        _record(world, held_on=DAY + dt.timedelta(days=1))
    assert list(caught.value.message_dict) == ["held_on"]


def test_a_meeting_without_attendees_or_decisions_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        _record(world, attendees=[], decisions=["", "  "])
    assert caught.value.message_dict == {
        "attendees": ["Choose who attended."],
        "decisions": ["Record the decisions taken, one a line."],
    }
    assert not ChairsMeeting.objects.exists()


def test_the_form_keeps_what_was_typed_and_says_what_is_missing(world, client_for):
    response = client_for(world.user("chair")).post(
        reverse("governance:chairs_meeting_create"),
        {"held_on": "2026-01-12", "decisions": "KEPT DECISION", "notes": "KEPT NOTES"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required" in body and "KEPT DECISION" in body and "KEPT NOTES" in body
    assert not ChairsMeeting.objects.exists()


def test_a_chair_records_a_meeting_from_the_form(world, client_for):
    response = client_for(world.user("chair")).post(
        reverse("governance:chairs_meeting_create"),
        {"held_on": "2026-01-12", "attendees": [world.user("chair").pk], "decisions": "One\nTwo"},
    )
    meeting = ChairsMeeting.objects.get()
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert meeting.recorded_by == world.user("chair") and meeting.decisions.count() == 2


def test_an_agency_lead_may_read_but_not_record(world, client_for):
    meeting = _record(world)
    client = client_for(world.user("lead"))
    assert client.post(reverse("governance:chairs_meeting_create"), {}).status_code == 403
    assert "Neglect audit to report to PAQA in March" in client.get(meeting.get_absolute_url()).content.decode()


def test_the_actions_agreed_are_actions_with_the_meeting_as_source(world, client_for):
    meeting = _record(world)
    action = action_on(
        meeting,
        world,
        "Circulate the training standards to every agency",
        "Every agency lead confirms receipt",
        by="bu",
        due=DAY + dt.timedelta(days=30),
        owner="chair",
    )
    assert list(actions_for_source(source=meeting, user=world.user("paqa"))) == [action]
    body = client_for(world.user("bu")).get(meeting.get_absolute_url()).content.decode()
    assert "Circulate the training standards to every agency" in body
    assert "source=governance.chairsmeeting" in body  # the "Add an action" link names this meeting
