"""Creating an action: from a source record, with its checks on what was typed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actions.tests.factories import ActionFactory
from partnership.models import SubCommittee

pytestmark = pytest.mark.django_db


def _url(source=None):
    url = reverse("actions:create")
    return f"{url}?source=actions.action:{source.pk}" if source is not None else url


def _data(world, **overrides):
    data = {
        "description": "Re-launch the neglect toolkit with school DSLs",
        "measure": "Toolkit used in 80% of audited neglect referrals",
        "agency": world.home.pk,
        "owner": world.user("contributor").pk,
        "subcommittee": "",
        "resources": "Two half-day briefings",
        "due_date": (timezone.localdate() + dt.timedelta(days=90)).isoformat(),
        "priority": "high",
    }
    data.update(overrides)
    return data


def test_it_shows_the_form_prefilled_from_the_source(world, client_for):
    paqa = SubCommittee.objects.get(code="paqa")
    source = ActionFactory(agency=world.home, owner=world.user("lead"), subcommittee=paqa)
    response = client_for(world.user("chair")).get(_url(source))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["agency"] == world.home.pk
    assert form.initial["subcommittee"] == paqa.pk
    assert "Arising from" in response.text


def test_it_creates_an_action_linked_to_its_source(world, client_for):
    source = ActionFactory(agency=world.home, owner=world.user("lead"))
    response = client_for(world.user("lead")).post(_url(source), _data(world))
    action = Action.objects.exclude(pk=source.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("actions:detail", kwargs={"pk": action.pk})
    assert action.source == source
    assert action.created_by == world.user("lead")
    assert list(Action.objects.for_source(source)) == [action]


def test_it_answers_404_for_a_source_the_user_cannot_see(world, client_for):
    canary = ActionFactory(agency=world.other, owner=world.other_lead)
    for key in ["lead", "chair", "ssm"]:
        assert client_for(world.user(key)).get(_url(canary)).status_code == 404
        assert client_for(world.user(key)).post(_url(canary), _data(world)).status_code == 404
    assert client_for(world.user("paqa")).get(_url(canary)).status_code == 200


def test_it_answers_404_for_a_malformed_or_unknown_source(world, client_for):
    client = client_for(world.user("bu"))
    for ref in ["nonsense", "actions.action:abc", "partnership.membership:1", "actions.action:999999"]:
        assert client.get(f"{reverse('actions:create')}?source={ref}").status_code == 404, ref


def test_it_refuses_roles_that_may_not_create(world, client_for):
    assert client_for(world.user("board")).post(_url(), _data(world)).status_code == 403
    assert client_for(world.user("contributor")).post(_url(), _data(world)).status_code == 403
    assert not Action.objects.exists()


def test_an_empty_measure_is_refused_and_the_rest_is_kept(world, client_for):
    response = client_for(world.user("lead")).post(_url(), _data(world, measure="  "))
    assert response.status_code == 200
    assert "Say how success will be measured." in response.text
    assert "Re-launch the neglect toolkit with school DSLs" in response.text
    assert "Two half-day briefings" in response.text
    assert not Action.objects.exists()


def test_an_owner_from_another_agency_is_refused(world, client_for):
    response = client_for(world.user("bu")).post(_url(), _data(world, owner=world.other_lead.pk))
    assert response.status_code == 200
    assert "works for Canary, not Home" in response.text
    assert not Action.objects.exists()


def test_an_agency_lead_cannot_give_an_action_to_another_agency(world, client_for):
    response = client_for(world.user("lead")).post(
        _url(), _data(world, agency=world.other.pk, owner=world.other_lead.pk)
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Action.objects.exists()


def test_a_past_due_date_needs_a_confirmation(world, client_for):
    client = client_for(world.user("lead"))
    past = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    response = client.post(_url(), _data(world, due_date=past))
    assert response.status_code == 200
    assert "This due date is in the past" in response.text
    assert 'type="checkbox" name="confirm_past_due"' in response.text
    assert f'value="{past}"' in response.text
    assert not Action.objects.exists()
    response = client.post(_url(), _data(world, due_date=past, confirm_past_due="on"))
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.is_overdue()


def test_today_is_not_a_past_due_date(world, client_for):
    response = client_for(world.user("lead")).post(_url(), _data(world, due_date=timezone.localdate().isoformat()))
    assert response.status_code == 302  # saved without asking to confirm a past date
    action = Action.objects.get()
    assert action.due_date == timezone.localdate() and not action.is_overdue()
