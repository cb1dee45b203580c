"""Moving a due date or withdrawing an action needs a reason; the first date, every move and
the reasons stay on the action; an action moved three times is not on track."""

import datetime as dt

import pytest
from django.urls import reverse

from actions import rules, selectors
from actions.models import Action, ActionEvent
from actions.tests.factories import edit_form

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 6, 2)


def test_it_is_on_track_until_the_third_move():
    assert rules.is_on_track(TODAY, "in_progress", 2, TODAY)
    assert not rules.is_on_track(TODAY, "in_progress", 3, TODAY)
    assert not rules.is_on_track(TODAY - dt.timedelta(days=1), "in_progress", 0, TODAY)  # overdue
    assert not rules.is_drifting("complete", 5)


def test_moving_the_due_date_without_a_reason_is_refused_and_keeps_what_was_typed(
    paqa_action, edit_url, world, client_for
):
    new_due = paqa_action.due_date + dt.timedelta(days=30)
    response = client_for(world.user("lead")).post(edit_url, edit_form(paqa_action, due_date=new_due.isoformat()))
    assert response.status_code == 200
    assert "Give the reason for moving the due date." in response.text
    assert new_due.isoformat() in response.text
    assert Action.objects.get().due_date == paqa_action.due_date


def test_every_move_is_kept_with_its_reason_and_the_first_date(paqa_action, edit_url, world, client_for):
    client = client_for(world.user("lead"))
    first_due = paqa_action.due_date
    for n in range(1, 4):
        action = Action.objects.get()
        new_due = first_due + dt.timedelta(days=30 * n)
        response = client.post(edit_url, edit_form(action, due_date=new_due.isoformat(), reason=f"Staff away {n}"))
        assert response.status_code == 302
    action = Action.objects.get()
    assert (action.original_due_date, action.due_date_moves) == (first_due, 3)
    moves = ActionEvent.objects.filter(action=action, kind=ActionEvent.Kind.DUE_DATE_MOVED).order_by("at", "pk")
    assert [e.text.split(": ")[-1] for e in moves] == ["Staff away 1", "Staff away 2", "Staff away 3"]
    assert moves[0].text.startswith(f"From {first_due:%-d %B %Y} to ")
    page = client.get(reverse("actions:detail", kwargs={"pk": action.pk})).text
    assert f"First agreed for {first_due:%-d %B %Y}; moved 3 times" in page
    assert "not counted as on track" in page and "Staff away 2" in page
    figures = selectors.dashboard_figures(queryset=Action.objects.all(), today=first_due)
    assert figures["totals"]["open"] == 1 and figures["totals"]["drifting"] == 1


def test_withdrawing_with_a_reason_is_kept(paqa_action, edit_url, world, client_for):
    client_for(world.user("lead")).post(
        edit_url, edit_form(paqa_action, status="withdrawn", reason="Covered by action 12")
    )
    event = ActionEvent.objects.get(kind=ActionEvent.Kind.WITHDRAWN)
    assert (event.text, event.by, event.action.status) == ("Covered by action 12", world.user("lead"), "withdrawn")
