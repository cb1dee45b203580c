"""Progress updates by the owner or their agency lead."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ProgressUpdate

pytestmark = pytest.mark.django_db


def _post(client, action, **data):
    payload = {"note": "Briefed 12 DSLs", "on_date": timezone.localdate().isoformat(), "version": action.version}
    payload.update(data)
    return client.post(reverse("actions:progress", kwargs={"pk": action.pk}), payload)


def test_the_owner_adds_progress_and_the_action_starts(paqa_action, world, client_for):
    assert _post(client_for(world.user("contributor")), paqa_action).status_code == 302
    paqa_action.refresh_from_db()
    assert paqa_action.status == Action.Status.IN_PROGRESS
    update = ProgressUpdate.objects.get()
    assert update.author == world.user("contributor")


def test_the_agency_lead_adds_progress(paqa_action, world, client_for):
    client = client_for(world.user("lead"))
    response = _post(client, paqa_action)
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.author, update.note) == (world.user("lead"), "Briefed 12 DSLs")
    page = client.get(response["Location"]).text
    assert "Your progress update was saved." in page and "Briefed 12 DSLs" in page


def test_others_may_not_add_progress(paqa_action, world, client_for):
    for key in ["chair", "paqa", "board", "ssm"]:
        assert _post(client_for(world.user(key)), paqa_action).status_code == 403, key
    assert _post(client_for(world.other_lead), paqa_action).status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_an_empty_note_is_refused_and_the_date_kept(paqa_action, world, client_for):
    day = (timezone.localdate() - dt.timedelta(days=2)).isoformat()
    response = _post(client_for(world.user("lead")), paqa_action, note="", on_date=day)
    assert response.status_code == 200
    assert "Write what has happened." in response.text
    assert f'value="{day}"' in response.text


def test_a_future_date_is_refused(paqa_action, world, client_for):
    day = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    response = _post(client_for(world.user("lead")), paqa_action, on_date=day)
    assert "cannot be dated in the future" in response.text
    assert "Briefed 12 DSLs" in response.text


def test_a_stale_progress_update_is_refused(paqa_action, world, client_for):
    Action.objects.filter(pk=paqa_action.pk).update(version=paqa_action.version + 1)
    response = _post(client_for(world.user("lead")), paqa_action)
    assert "Someone else saved this action" in response.text
    assert not ProgressUpdate.objects.exists()


def test_no_progress_on_a_completed_action(paqa_action, world, client_for):
    Action.objects.filter(pk=paqa_action.pk).update(status=Action.Status.COMPLETE)
    response = _post(client_for(world.user("lead")), paqa_action)
    assert "reopen it before adding progress" in response.text
