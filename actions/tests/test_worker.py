"""The reminder jobs on a real Celery worker, through Redis, against the test database."""

import datetime as dt

import pytest
from django.utils import timezone

from actions import tasks
from actions.tests.factories import ActionFactory
from partnership.models import ReminderLog, SubCommittee
from partnership.reminders import reminders_about
from tests.worker import celery_worker, needs_worker  # noqa: F401  (fixture)

pytestmark = [pytest.mark.redis, needs_worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_sends_each_reminder_once(world, celery_worker):  # noqa: F811
    today = timezone.localdate()
    owner = world.user("contributor")
    paqa = SubCommittee.objects.get(code="paqa")
    overdue = ActionFactory(
        agency=world.home,
        owner=owner,
        due_date=today - dt.timedelta(days=2),
        subcommittee=paqa,
        description="Worker test: overdue toolkit action",
    )
    ActionFactory(
        agency=world.home, owner=owner, due_date=today + dt.timedelta(days=7), description="Worker test: due soon"
    )

    queued = tasks.daily_owner_reminders.apply_async(args=[today.isoformat()], queue=celery_worker.queue)
    assert queued.get(timeout=60) == 1
    digest = tasks.weekly_chair_digests.apply_async(args=[today.isoformat()], queue=celery_worker.queue)
    assert digest.get(timeout=60) == 1
    messages = celery_worker.wait_for_mail(2)
    assert len(messages) == 2, celery_worker.log()[-3000:]
    by_to = {m["To"]: m for m in messages}
    owner_mail = by_to[owner.email]
    assert owner_mail["Subject"] == "Your partnership actions: 1 overdue and 1 due soon"
    parts = {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in owner_mail.walk()
        if not part.is_multipart()
    }
    assert "Worker test: overdue toolkit action" in parts["text/plain"]
    assert "Worker test: overdue toolkit action" in parts["text/html"]
    assert "Weekly digest" in by_to[world.user("chair").email]["Subject"]

    # The same day again: the worker runs the jobs, and nothing is sent twice.
    tasks.daily_owner_reminders.apply_async(args=[today.isoformat()], queue=celery_worker.queue).get(timeout=60)
    tasks.send_owner_reminder.apply_async(args=[owner.pk, today.isoformat()], queue=celery_worker.queue).get(timeout=60)
    assert len(celery_worker.wait_for_mail(3, timeout=3)) == 2
    assert set(ReminderLog.objects.values_list("step", flat=True)) == {"overdue", "due_soon", "chair_digest"}
    assert reminders_about(overdue).count() == 2  # the owner's overdue reminder and the chair's digest
