"""Reminder jobs. Tasks take ids and an ISO date, re-fetch, and are idempotent: the Reminder
unique constraint means a rerun (or a redelivery after a lost worker) sends nothing twice."""

import datetime as dt
import smtplib

from celery import shared_task
from django.db import OperationalError, transaction
from django.utils import timezone

from actions import reminders

RETRY = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (smtplib.SMTPException, ConnectionError, TimeoutError, OperationalError),
    "retry_backoff": 60,
    "max_retries": 5,
}


def _day(on_date: str | None) -> dt.date:
    return dt.date.fromisoformat(on_date) if on_date else timezone.localdate()


def _same_queue(task) -> dict:
    """Queue a job's children where the job itself came from (the default queue in production)."""
    queue = (task.request.delivery_info or {}).get("routing_key")
    return {"queue": queue} if queue else {}


@shared_task(**RETRY)
def send_owner_reminder(self, user_id: int, on_date: str) -> bool:
    """One owner's reminder for one day."""
    return reminders.owner_reminder_send(user_id=user_id, today=_day(on_date))


@shared_task(**RETRY)
def send_chair_digest(self, user_id: int, on_date: str) -> bool:
    """One chair's weekly digest for one day."""
    return reminders.chair_digest_send(user_id=user_id, today=_day(on_date))


@shared_task(**RETRY)
def daily_owner_reminders(self, on_date: str | None = None) -> int:
    """Daily (beat): queue one reminder per owner with actions overdue or due within 14 days."""
    day = _day(on_date).isoformat()
    owner_ids = reminders.owners_to_remind(today=_day(day))
    options = _same_queue(self)
    for user_id in owner_ids:
        transaction.on_commit(lambda user_id=user_id: send_owner_reminder.apply_async(args=[user_id, day], **options))
    return len(owner_ids)


@shared_task(**RETRY)
def weekly_chair_digests(self, on_date: str | None = None) -> int:
    """Weekly (beat): queue one digest per chair with overdue actions in their sub-committees."""
    day = _day(on_date).isoformat()
    chair_ids = reminders.chairs_to_digest(today=_day(day))
    options = _same_queue(self)
    for user_id in chair_ids:
        transaction.on_commit(lambda user_id=user_id: send_chair_digest.apply_async(args=[user_id, day], **options))
    return len(chair_ids)
