"""The "my actions" panel on the home page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_it_lists_my_open_actions_with_counts(world, client_for):
    today = timezone.localdate()
    owner = world.user("contributor")
    ActionFactory(agency=world.home, owner=owner, description="Overdue one", due_date=today - dt.timedelta(days=1))
    ActionFactory(agency=world.home, owner=owner, description="Soon one", due_date=today + dt.timedelta(days=5))
    ActionFactory(agency=world.home, owner=world.user("lead"), description="Not mine")
    page = client_for(owner).get(reverse("home"))
    assert "My actions" in page.text
    assert "2 open actions, <strong>1 overdue</strong>, 1 due within 14 days" in page.text
    assert "Overdue one" in page.text and "Soon one" in page.text and "Not mine" not in page.text


def test_it_is_absent_for_someone_with_no_actions(world, client_for):
    assert "My actions" not in client_for(world.user("board")).get(reverse("home")).text


def test_a_chair_sees_open_actions_in_their_sub_committees(paqa_action, world, client_for):
    page = client_for(world.user("chair")).get(reverse("home"))
    assert "1 open action in the sub-committees I chair" in page.text
