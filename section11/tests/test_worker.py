"""The Section 11 reminder job on a real Celery worker, through Redis, against the test database."""

import datetime as dt

import pytest

from partnership.models import ReminderLog
from section11 import tasks
from section11.tests.factories import make_return, open_round
from tests.worker import celery_worker, needs_worker  # noqa: F401  (fixture)

pytestmark = [pytest.mark.redis, needs_worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_sends_each_reminder_once(world, celery_worker):  # noqa: F811
    deadline = dt.date(2027, 1, 29)
    rnd = open_round(name="Worker round", opens_on=dt.date(2026, 11, 2), deadline=deadline)
    make_return(world.other, rnd=rnd, status="submitted")
    day = (deadline - dt.timedelta(days=7)).isoformat()

    queued = tasks.daily_reminders.apply_async(args=[day], queue=celery_worker.queue)
    assert queued.get(timeout=60) == 1  # only the home agency has not submitted
    messages = celery_worker.wait_for_mail(2)
    assert sorted(m["To"] for m in messages) == sorted([world.user("lead").email, world.user("contributor").email])
    assert all(m["Subject"] == "Section 11 return due in 7 days: Home" for m in messages), celery_worker.log()[-3000:]

    # The same day again: nothing is sent twice.
    tasks.daily_reminders.apply_async(args=[day], queue=celery_worker.queue).get(timeout=60)
    assert len(celery_worker.wait_for_mail(3, timeout=3)) == 2
    assert ReminderLog.objects.filter(step="7").count() == 2
