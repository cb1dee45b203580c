"""Editing an action: two people saving at once, the second is told and nothing is lost."""

import pytest

from actions.models import Action
from actions.tests.factories import edit_form

pytestmark = pytest.mark.django_db


def test_the_second_of_two_concurrent_saves_is_refused(paqa_action, edit_url, world, client_for):
    first = edit_form(paqa_action, measure="Measure typed by the lead")
    second = edit_form(paqa_action, measure="Measure typed by the chair")
    assert client_for(world.user("lead")).post(edit_url, first).status_code == 302
    response = client_for(world.user("chair")).post(edit_url, second)
    assert response.status_code == 200
    assert "Someone else saved this action" in response.text
    assert "Measure typed by the chair" in response.text  # what they typed is still there
    paqa_action.refresh_from_db()
    assert paqa_action.measure == "Measure typed by the lead"  # not overwritten
    # The re-shown form carries the new version, so saving again is a deliberate choice.
    assert response.context["form"]["version"].value() == paqa_action.version
    assert client_for(world.user("chair")).post(edit_url, edit_form(paqa_action, measure="Merged")).status_code == 302


def test_edit_keeps_history(paqa_action, edit_url, world, client_for):
    client_for(world.user("lead")).post(edit_url, edit_form(paqa_action, priority="high"))
    latest = paqa_action.history.first()
    assert latest.priority == "high"
    assert latest.history_user == world.user("lead")


@pytest.mark.parametrize(
    ("who", "status", "refusal"),
    [
        pytest.param("bu", "complete", "Select a valid choice", id="complete is not set by editing"),
        pytest.param(
            "lead", "withdrawn", "Give the reason for withdrawing the action.", id="withdrawing needs a reason"
        ),
    ],
)
def test_a_refused_status_change_leaves_the_action_as_it_was(
    paqa_action, edit_url, world, client_for, who, status, refusal
):
    response = client_for(world.user(who)).post(edit_url, edit_form(paqa_action, status=status))
    assert response.status_code == 200
    assert refusal in response.text
    assert Action.objects.get().status == Action.Status.NOT_STARTED


def test_an_owner_from_another_agency_is_refused_on_edit(paqa_action, edit_url, world, client_for):
    response = client_for(world.user("bu")).post(edit_url, edit_form(paqa_action, owner=world.other_lead.pk))
    assert "works for Canary, not Home" in response.text
