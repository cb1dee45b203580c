"""Reminder selection and sending (eager Celery, locmem mail), with time travel."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from actions import reminders, tasks
from actions.models import Action
from actions.tests.factories import ActionFactory
from partnership.models import ReminderLog, SubCommittee

pytestmark = [pytest.mark.django_db(transaction=True)]  # tasks run in process: conftest.py

TODAY = dt.date(2026, 3, 10)
MORNING = dt.datetime(2026, 3, 10, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def due(world):
    owner = world.user("contributor")
    paqa = SubCommittee.objects.get(code="paqa")
    return {
        "overdue": ActionFactory(
            agency=world.home, owner=owner, due_date=TODAY - dt.timedelta(days=1), subcommittee=paqa
        ),
        "today": ActionFactory(agency=world.home, owner=owner, due_date=TODAY),
        "day14": ActionFactory(agency=world.home, owner=owner, due_date=TODAY + dt.timedelta(days=14)),
        "day15": ActionFactory(agency=world.home, owner=owner, due_date=TODAY + dt.timedelta(days=15)),
        "done": ActionFactory(
            agency=world.home, owner=owner, due_date=TODAY - dt.timedelta(days=9), status=Action.Status.COMPLETE
        ),
    }


def test_owner_selection_takes_overdue_and_due_within_14_days(due, world):
    assert reminders.owners_to_remind(today=TODAY) == [world.user("contributor").pk]
    assert reminders.owners_to_remind(today=TODAY - dt.timedelta(days=30)) == []


@time_machine.travel(MORNING, tick=False)
def test_the_daily_job_sends_one_email_per_owner(due, world):
    assert tasks.daily_owner_reminders.delay().get() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.user("contributor").email]
    assert message.subject == "Your partnership actions: 1 overdue and 2 due soon"
    text = message.body
    assert due["overdue"].description in text and due["today"].description in text and due["day14"].description in text
    assert due["day15"].description not in text and due["done"].description not in text
    html, mime = message.alternatives[0]
    assert mime == "text/html" and due["overdue"].description in html
    kinds: dict[str, set[int]] = {}
    for log in ReminderLog.objects.all():
        kinds.setdefault(log.step, set()).add(log.item_id)
    assert kinds == {"overdue": {due["overdue"].pk}, "due_soon": {due["today"].pk, due["day14"].pk}}


@time_machine.travel(MORNING, tick=False)
def test_running_twice_the_same_day_sends_nothing_twice(due, world):
    tasks.daily_owner_reminders.delay().get()
    tasks.daily_owner_reminders.delay().get()
    tasks.send_owner_reminder.delay(world.user("contributor").pk, TODAY.isoformat()).get()
    assert len(mail.outbox) == 1
    # One log row per action and step: the overdue one, and the two due soon.
    assert ReminderLog.objects.count() == 3


def test_the_next_day_sends_again(due, world):
    with time_machine.travel(MORNING, tick=False):
        tasks.daily_owner_reminders.delay().get()
    with time_machine.travel(MORNING + dt.timedelta(days=1), tick=False):
        tasks.daily_owner_reminders.delay().get()
    assert len(mail.outbox) == 2
    overdue = ReminderLog.objects.filter(step="overdue", item_id=due["overdue"].pk)
    assert sorted(r.on_date for r in overdue) == [TODAY, TODAY + dt.timedelta(days=1)]


@time_machine.travel(MORNING, tick=False)
def test_a_failed_send_records_nothing(due, world, monkeypatch):
    def broken(**kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(reminders, "_send", broken)
    with pytest.raises(ConnectionError):
        reminders.owner_reminder_send(user_id=world.user("contributor").pk, today=TODAY)
    assert not ReminderLog.objects.exists()  # so the retry will send it


@time_machine.travel(MORNING, tick=False)
def test_the_weekly_digest_goes_to_the_chair_once(due, world):
    assert tasks.weekly_chair_digests.delay().get() == 1
    tasks.weekly_chair_digests.delay().get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.user("chair").email]
    assert "1 overdue action in your sub-committees" in message.subject
    assert due["overdue"].description in message.body
    assert due["today"].description not in message.body  # not overdue, and not in PAQA


@time_machine.travel(MORNING, tick=False)
def test_the_reminder_shows_on_the_action(due, world, client_for):
    tasks.daily_owner_reminders.delay().get()
    page = client_for(world.user("lead")).get(reverse("actions:detail", kwargs={"pk": due["overdue"].pk}))
    assert "10 March 2026: overdue e-mail to" in page.text
    other = client_for(world.user("lead")).get(reverse("actions:detail", kwargs={"pk": due["day15"].pk}))
    assert "No reminders have been sent about this action." in other.text


def test_the_beat_schedule_has_both_jobs():
    from bscp_portal.schedule import beat_schedule

    schedule = beat_schedule()
    assert schedule["actions-daily-owner-reminders"]["task"] == "actions.tasks.daily_owner_reminders"
    assert schedule["actions-weekly-chair-digests"]["task"] == "actions.tasks.weekly_chair_digests"


@time_machine.travel(MORNING, tick=False)
def test_the_action_page_lists_the_reminders_sent_about_it(due, world, client_for):
    tasks.daily_owner_reminders.delay().get()
    owner = world.user("contributor")
    page = client_for(owner).get(reverse("actions:detail", args=[due["overdue"].pk])).text
    assert f"10 March 2026: overdue e-mail to {owner}" in page
    other = client_for(owner).get(reverse("actions:detail", args=[due["day15"].pk])).text
    assert "No reminders have been sent about this action." in other
