"""Reminder jobs on the portal's task base (bscp_portal/lib/tasks.py). Tasks take ids and an
ISO date, re-fetch, and are idempotent: the reminder log means a rerun (or a redelivery after a
lost worker) sends nothing twice."""

from celery import shared_task

from actions import reminders
from bscp_portal.lib.tasks import RetryingTask, queue_each, task_day


@shared_task(base=RetryingTask, bind=True)
def send_owner_reminder(self, user_id: int, on_date: str) -> bool:
    """One owner's reminder for one day."""
    return reminders.owner_reminder_send(user_id=user_id, today=task_day(on_date))


@shared_task(base=RetryingTask, bind=True)
def send_chair_digest(self, user_id: int, on_date: str) -> bool:
    """One chair's weekly digest for one day."""
    return reminders.chair_digest_send(user_id=user_id, today=task_day(on_date))


@shared_task(base=RetryingTask, bind=True)
def daily_owner_reminders(self, on_date: str | None = None) -> int:
    """Daily (beat): queue one reminder per owner with actions overdue or due within 14 days."""
    day = task_day(on_date)
    owner_ids = reminders.owners_to_remind(today=day)
    return queue_each(self, send_owner_reminder, [(pk, day.isoformat()) for pk in owner_ids])


@shared_task(base=RetryingTask, bind=True)
def weekly_chair_digests(self, on_date: str | None = None) -> int:
    """Weekly (beat): queue one digest per chair with overdue actions in their sub-committees."""
    day = task_day(on_date)
    chair_ids = reminders.chairs_to_digest(today=day)
    return queue_each(self, send_chair_digest, [(pk, day.isoformat()) for pk in chair_ids])
