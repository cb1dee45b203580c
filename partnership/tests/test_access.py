"""Access in one place: own agency's records, all agencies for PAQA/business unit/board."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from partnership.access import get_visible_or_404, is_cdop_member, roles_of, sees_all_agencies
from partnership.models import Agency, SecurityEvent


@pytest.mark.parametrize(
    ("key", "sees_all"),
    [
        ("bu", True),
        ("paqa", True),
        ("board", True),
        ("chair", False),
        ("lead", False),
        ("contributor", False),
        ("cdop", False),
        ("ssm", False),
    ],
)
def test_who_sees_all_agencies(world, key, sees_all):
    assert sees_all_agencies(world.user(key)) is sees_all
    visible = set(Agency.objects.for_user(world.user(key)))
    assert visible == ({world.home, world.other} if sees_all else {world.home})


def test_only_cdop_members_are_cdop_members(world):
    assert [
        k
        for k in ["bu", "paqa", "chair", "board", "lead", "contributor", "cdop", "ssm"]
        if is_cdop_member(world.user(k))
    ] == ["cdop"]


def test_an_inactive_user_sees_nothing(world):
    user = world.user("bu")
    user.is_active = False
    assert not Agency.objects.for_user(user).exists()


def test_a_hidden_record_answers_404_and_is_logged(world):
    request = RequestFactory().get("/x/")
    request.user = world.user("lead")
    with pytest.raises(Http404):
        get_visible_or_404(Agency.objects.all(), request.user, request, pk=world.other.pk)
    assert SecurityEvent.objects.filter(kind="refused", user=world.user("lead")).exists()


def test_roles_are_read_once_per_request(world, django_assert_num_queries):
    user = type(world.user("lead")).objects.get(pk=world.user("lead").pk)
    with django_assert_num_queries(1):
        roles_of(user)
        roles_of(user)
    assert roles_of(user) == {"agency_lead"}
