"""The one reminder log: (person, item, step, day) is logged once, so two beats send one e-mail."""

import datetime as dt

import pytest

from partnership.models import ReminderLog
from partnership.reminders import log_once, reminders_about

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


def test_it_logs_each_item_once_a_day_and_says_which_are_new(world):
    person = world.user("lead")
    first = log_once(recipient=person, items=[world.home, world.other], step="overdue", on_date=DAY, label="Overdue")
    again = log_once(recipient=person, items=[world.home, world.other], step="overdue", on_date=DAY)
    assert first == [world.home, world.other]
    assert again == []
    assert ReminderLog.objects.count() == 2


def test_a_new_item_the_same_day_is_still_sent(world):
    person = world.user("lead")
    log_once(recipient=person, items=[world.home], step="overdue", on_date=DAY)
    assert log_once(recipient=person, items=[world.home, world.other], step="overdue", on_date=DAY) == [world.other]


def test_another_step_another_day_or_another_person_is_a_new_reminder(world):
    lead, chair = world.user("lead"), world.user("chair")
    log_once(recipient=lead, items=[world.home], step="overdue", on_date=DAY)
    assert log_once(recipient=lead, items=[world.home], step="digest", on_date=DAY) == [world.home]
    assert log_once(recipient=lead, items=[world.home], step="overdue", on_date=DAY + dt.timedelta(days=1))
    assert log_once(recipient=chair, items=[world.home], step="overdue", on_date=DAY) == [world.home]


def test_nothing_to_log_logs_nothing(world):
    assert log_once(recipient=world.user("lead"), items=[], step="overdue", on_date=DAY) == []
    assert not ReminderLog.objects.exists()


def test_what_was_sent_about_a_record_is_listed_newest_first(world):
    person = world.user("lead")
    for day in (DAY, DAY + dt.timedelta(days=2), DAY + dt.timedelta(days=1)):
        log_once(recipient=person, items=[world.home], step="overdue", on_date=day, label="Overdue")
    log_once(recipient=person, items=[world.other], step="overdue", on_date=DAY)
    listed = list(reminders_about(world.home))
    assert [r.on_date for r in listed] == [DAY + dt.timedelta(days=2), DAY + dt.timedelta(days=1), DAY]
    assert str(listed[0]) == f"Overdue to {person} on {DAY + dt.timedelta(days=2)}"


def test_a_step_for_nobody_is_logged_once_a_day_too(world):
    assert log_once(recipient=None, items=[world.home], step="missing", on_date=DAY) == [world.home]
    assert log_once(recipient=None, items=[world.home], step="missing", on_date=DAY) == []
    assert log_once(recipient=world.user("lead"), items=[world.home], step="missing", on_date=DAY) == [world.home]
    assert str(ReminderLog.objects.get(recipient=None)) == f"missing recorded on {DAY}"


def test_the_database_refuses_a_second_step_for_nobody(world):
    from django.contrib.contenttypes.models import ContentType
    from django.db import IntegrityError, transaction

    row = {"recipient": None, "item_type": ContentType.objects.get_for_model(world.home), "item_id": world.home.pk}
    ReminderLog.objects.create(**row, step="missing", on_date=DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderLog.objects.create(**row, step="missing", on_date=DAY)
