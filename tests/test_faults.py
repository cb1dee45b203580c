"""Faults: a database outage answers a friendly 503 and leaves nothing half-written."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse


def _agency_list_when_listing_raises(world, error: Exception):
    """The agency list as PAQA gets it when reading the agencies raises `error`."""
    client = Client(raise_request_exception=False)
    client.force_login(world.user("paqa"))
    with mock.patch("partnership.selectors.agency_list", side_effect=error):
        return client.get(reverse("partnership:agency_list"))


def test_a_database_outage_answers_a_friendly_503(world):
    response = _agency_list_when_listing_raises(world, OperationalError("server closed the connection"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "briefly unavailable" in response.content.decode()


def test_any_other_error_answers_a_plain_500_page_without_detail(world):
    response = _agency_list_when_listing_raises(world, RuntimeError("secret detail"))
    assert response.status_code == 500
    assert "secret detail" not in response.content.decode()
    assert "Something went wrong" in response.content.decode()


def test_health_says_so_when_the_database_is_down(world, monkeypatch):
    def unreachable(self):
        raise OperationalError("down")

    monkeypatch.setattr("bscp_portal.health.Database.run", unreachable)
    assert Client().get(reverse("health")).status_code == 503


@pytest.mark.django_db(transaction=True)
def test_a_write_interrupted_by_the_database_leaves_nothing_half_written(world):
    """Sign-off writes the action and its sign-off event in one transaction: both or neither."""
    import datetime as dt

    from actions.models import Action, ActionEvent
    from actions.services import action_create, action_sign_off

    lead = world.user("lead")
    action = action_create(
        created_by=lead, description="Train staff", measure="90% trained", owner=lead, agency=world.home,
        due_date=dt.date(2030, 1, 1),
    )  # fmt: skip
    with mock.patch.object(ActionEvent.objects, "create", side_effect=OperationalError("connection lost")):
        with pytest.raises(OperationalError):
            action_sign_off(action=action, by=world.user("bu"), evidence="Audit shows 92% trained")
    action.refresh_from_db()
    assert action.status == Action.Status.NOT_STARTED
    assert action.completed_at is None
    assert not ActionEvent.objects.exists()
