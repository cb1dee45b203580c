"""Editing an action: two people saving at once, the second is told and nothing is lost."""

import pytest
from django.urls import reverse

from actions.models import Action

pytestmark = pytest.mark.django_db


def _data(action, **overrides):
    data = {
        "description": action.description,
        "measure": action.measure,
        "agency": action.agency_id,
        "owner": action.owner_id,
        "subcommittee": action.subcommittee_id or "",
        "resources": action.resources,
        "due_date": action.due_date.isoformat(),
        "priority": action.priority,
        "status": action.status,
        "version": action.version,
    }
    data.update(overrides)
    return data


def test_the_second_of_two_concurrent_saves_is_refused(paqa_action, world, client_for):
    url = reverse("actions:edit", kwargs={"pk": paqa_action.pk})
    first = _data(paqa_action, measure="Measure typed by the lead")
    second = _data(paqa_action, measure="Measure typed by the chair")
    assert client_for(world.user("lead")).post(url, first).status_code == 302
    response = client_for(world.user("chair")).post(url, second)
    assert response.status_code == 200
    assert "Someone else saved this action" in response.text
    assert "Measure typed by the chair" in response.text  # what they typed is still there
    paqa_action.refresh_from_db()
    assert paqa_action.measure == "Measure typed by the lead"  # not overwritten
    # The re-shown form carries the new version, so saving again is a deliberate choice.
    assert response.context["form"]["version"].value() == paqa_action.version
    assert client_for(world.user("chair")).post(url, _data(paqa_action, measure="Merged")).status_code == 302


def test_edit_keeps_history(paqa_action, world, client_for):
    url = reverse("actions:edit", kwargs={"pk": paqa_action.pk})
    client_for(world.user("lead")).post(url, _data(paqa_action, priority="high"))
    latest = paqa_action.history.first()
    assert latest.priority == "high"
    assert latest.history_user == world.user("lead")


def test_status_cannot_be_set_to_complete_by_editing(paqa_action, world, client_for):
    url = reverse("actions:edit", kwargs={"pk": paqa_action.pk})
    response = client_for(world.user("bu")).post(url, _data(paqa_action, status="complete"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert Action.objects.get().status == Action.Status.NOT_STARTED


def test_an_owner_from_another_agency_is_refused_on_edit(paqa_action, world, client_for):
    url = reverse("actions:edit", kwargs={"pk": paqa_action.pk})
    response = client_for(world.user("bu")).post(url, _data(paqa_action, owner=world.other_lead.pk))
    assert "works for Canary, not Home" in response.text
