"""Reminders at 28, 14 and 7 days and weekly when overdue, the business unit's digest, never twice a day."""

import datetime as dt

import pytest
from django.core import mail

from partnership.models import ReminderLog
from section11 import reminders, tasks
from section11.tests.factories import make_return, open_round

pytestmark = pytest.mark.django_db

DEADLINE = dt.date(2027, 1, 29)  # a Friday


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the daily beat job for a day, and the per-agency tasks it queues on commit, in this
    process (the root conftest runs tasks in process; test_worker.py covers the real worker)."""

    def _run(day: dt.date) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            tasks.daily_reminders.apply(args=[day.isoformat()])

    return _run


@pytest.fixture
def rnd(world):
    return open_round(name="Reminder round", opens_on=dt.date(2026, 11, 2), deadline=DEADLINE)


def test_it_reminds_agencies_that_have_not_submitted_28_days_before(world, rnd, run):
    make_return(world.other, rnd=rnd, status="submitted")
    run(DEADLINE - dt.timedelta(days=28))
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([world.user("lead").email, world.user("contributor").email])
    assert "due in 28 days" in mail.outbox[0].subject
    assert mail.outbox[0].alternatives  # an HTML part as well as plain text


def test_a_rerun_on_the_same_day_sends_nothing(world, rnd, run):
    day = (DEADLINE - dt.timedelta(days=14)).isoformat()
    run(dt.date.fromisoformat(day))
    first = len(mail.outbox)
    run(dt.date.fromisoformat(day))
    reminders.agency_reminder_send(round_id=rnd.pk, agency_id=world.home.pk, today=dt.date.fromisoformat(day))
    assert first > 0 and len(mail.outbox) == first
    assert ReminderLog.objects.filter(on_date=day, step="14").count() == first


def test_no_reminder_on_other_days(world, rnd, run):
    run(DEADLINE - dt.timedelta(days=10))
    assert mail.outbox == []


def test_overdue_notices_go_the_day_after_and_weekly(world, rnd, run):
    for late in (1, 8):
        run(DEADLINE + dt.timedelta(days=late))
    run(DEADLINE + dt.timedelta(days=5))
    overdue = [m for m in mail.outbox if "overdue" in m.subject]
    assert len(overdue) == len(mail.outbox) == 2 * 3  # home lead + contributor and the canary lead, two days


def test_an_invited_agency_that_has_not_started_is_not_chased(world, rnd):
    from section11 import services

    services.participation_set(round=rnd, agency=world.other, mode="invited")
    assert world.other.pk not in reminders.agencies_to_remind(rnd=rnd, today=DEADLINE - dt.timedelta(days=7))
    make_return(world.other, rnd=rnd)
    assert world.other.pk in reminders.agencies_to_remind(rnd=rnd, today=DEADLINE - dt.timedelta(days=7))


def test_a_returned_return_is_chased_again(world, rnd):
    make_return(world.home, rnd=rnd, status="returned")
    assert world.home.pk in reminders.agencies_to_remind(rnd=rnd, today=DEADLINE - dt.timedelta(days=7))


def test_the_business_unit_gets_a_monday_digest_once(world, rnd, run):
    monday = dt.date(2027, 1, 4)
    assert monday.weekday() == 0
    run(monday)
    run(monday)
    digests = [m for m in mail.outbox if "digest" in m.subject]
    assert [m.to for m in digests] == [[world.user("bu").email]]
    assert "Home" in digests[0].body and "Canary" in digests[0].body
    run(monday + dt.timedelta(days=1))
    assert len([m for m in mail.outbox if "digest" in m.subject]) == 1


def test_only_the_current_round_is_chased(world, rnd):
    open_round(name="Next round", opens_on=DEADLINE + dt.timedelta(days=1), deadline=DEADLINE + dt.timedelta(days=90))
    assert reminders.reminder_round(today=DEADLINE + dt.timedelta(days=8)).name == "Next round"


def test_the_schedule_runs_the_daily_job():
    from bscp_portal.schedule import beat_schedule

    assert beat_schedule()["section11-daily-reminders"]["task"] == "section11.tasks.daily_reminders"
