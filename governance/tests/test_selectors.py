"""Reads behind the partnership performance pages, pinned as the pages use them."""

import pytest

from governance import selectors
from partnership.models import SubCommittee

pytestmark = pytest.mark.django_db


def _codes(committees) -> list[str]:
    return sorted(c.code for c in committees)


def test_the_business_unit_may_report_for_every_sub_committee(world):
    assert _codes(selectors.reportable_committees(user=world.user("bu"))) == sorted(
        SubCommittee.objects.values_list("code", flat=True)
    )
    assert SubCommittee.objects.count() >= 3


def test_a_chair_may_report_only_for_the_sub_committees_they_chair(world):
    assert _codes(selectors.reportable_committees(user=world.user("chair"))) == ["case-review", "paqa"]


@pytest.mark.parametrize("key", ["paqa", "board", "lead", "contributor"])
def test_members_who_chair_nothing_may_report_for_none(world, key):
    assert selectors.reportable_committees(user=world.user(key)) == []
