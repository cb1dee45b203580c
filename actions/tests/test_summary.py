"""The actions summary for the annual report and the cross-strand dashboard tile."""

import datetime as dt

import pytest
from django.utils import timezone

from actions.models import Action
from actions.summary import annual_summary, dashboard_tile
from actions.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2024, 4, 1), dt.date(2025, 3, 31)


def _at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _make(world, agency, created, due, completed=None, description="x"):
    action = ActionFactory(
        agency=agency,
        owner=world.user("lead") if agency == world.home else world.other_lead,
        due_date=due,
        description=description,
    )
    fields = {"created_at": _at(created)}
    if completed:
        fields.update(status=Action.Status.COMPLETE, completed_at=_at(completed))
    Action.objects.filter(pk=action.pk).update(**fields)
    return action


def test_it_counts_the_period_and_respects_access(world):
    _make(world, world.home, dt.date(2024, 5, 1), dt.date(2024, 9, 30), completed=dt.date(2024, 9, 30))  # on time
    _make(world, world.home, dt.date(2024, 5, 1), dt.date(2024, 9, 30), completed=dt.date(2024, 10, 1))  # late
    _make(world, world.home, dt.date(2024, 6, 1), dt.date(2025, 1, 31))  # overdue at end
    _make(world, world.home, dt.date(2025, 4, 1), dt.date(2025, 9, 30))  # after the period
    _make(world, world.other, dt.date(2024, 6, 1), dt.date(2024, 7, 1))  # canary agency
    s = annual_summary(start=START, end=END, user=world.user("lead"))
    assert (s["created"], s["signed_off"], s["signed_off_on_time"], s["signed_off_late"]) == (3, 2, 1, 1)
    assert s["on_time_pct"] == 50.0
    assert (s["open_at_end"], s["overdue_at_end"]) == (1, 1)
    assert [r["agency"] for r in s["by_agency"]] == ["Home Agency"]
    assert s["by_source"] == [{"source": "No source", "created": 3, "signed_off": 2}]
    assert annual_summary(start=START, end=END, user=world.user("paqa"))["created"] == 4


def test_no_sign_offs_is_no_data_not_zero_percent(world):
    s = annual_summary(start=START, end=END, user=world.user("lead"))
    assert s["on_time_pct"] is None and s["by_agency"] == [] and s["by_source"] == []


def test_the_tile(world):
    ActionFactory(agency=world.home, owner=world.user("lead"), due_date=timezone.localdate() - dt.timedelta(days=1))
    tile = dashboard_tile(user=world.user("lead"))
    assert tile["url"] == "/actions/dashboard/"
    assert [(f["label"], f["value"]) if isinstance(f, dict) else f for f in tile["figures"]] == [
        ("Open actions", 1),
        ("Overdue actions", 1),
        ("Signed off on time, last 12 months (%)", None),
    ]
    assert tile["period"] and tile["source"]
