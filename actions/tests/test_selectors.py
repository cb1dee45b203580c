"""Reads shared with the strands: how many actions each source record has."""

import pytest

from actions.selectors import action_counts_by_source
from actions.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_it_counts_each_records_actions_and_the_open_ones(world):
    home, other = world.home, world.other
    for status in ("not_started", "in_progress", "complete", "withdrawn"):
        ActionFactory(agency=home, source=home, status=status)
    ActionFactory(agency=other, source=other, status="in_progress")

    counts = action_counts_by_source(sources=[home, other], user=world.user("bu"))

    assert counts == {home.pk: (4, 2), other.pk: (1, 1)}


def test_it_counts_only_the_actions_the_user_may_see(world):
    home, other = world.home, world.other
    ActionFactory(agency=home, source=home, status="in_progress")
    ActionFactory(agency=other, source=home, status="in_progress")  # another agency's action on the same record

    counts = action_counts_by_source(sources=[home], user=world.user("contributor"))

    assert counts == {home.pk: (1, 1)}


def test_a_record_without_actions_is_left_out_and_no_records_ask_nothing(world, django_assert_num_queries):
    assert action_counts_by_source(sources=[world.home], user=world.user("bu")) == {}
    with django_assert_num_queries(0):
        assert action_counts_by_source(sources=[], user=world.user("bu")) == {}
