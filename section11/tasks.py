"""Section 11 reminder jobs. Tasks take ids and an ISO date, re-fetch, and are idempotent: the
ReminderSent unique constraint means a rerun (or a redelivery) sends nothing twice."""

import datetime as dt
import smtplib

from celery import shared_task
from django.db import OperationalError, transaction
from django.utils import timezone

from section11 import reminders

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
def send_agency_reminder(self, round_id: int, agency_id: int, on_date: str) -> int:
    """One agency's reminder for one day (to its leads and contributors)."""
    return reminders.agency_reminder_send(round_id=round_id, agency_id=agency_id, today=_day(on_date))


@shared_task(**RETRY)
def send_bu_digest(self, round_id: int, on_date: str) -> int:
    return reminders.digest_send(round_id=round_id, today=_day(on_date))


@shared_task(**RETRY)
def daily_reminders(self, on_date: str | None = None) -> int:
    """Daily (beat): queue reminders for agencies not yet submitted, and the Monday digest."""
    today = _day(on_date)
    day = today.isoformat()
    rnd = reminders.reminder_round(today=today)
    if rnd is None:
        return 0
    options = _same_queue(self)
    agency_ids = reminders.agencies_to_remind(rnd=rnd, today=today)
    for agency_id in agency_ids:
        transaction.on_commit(lambda a=agency_id: send_agency_reminder.apply_async(args=[rnd.pk, a, day], **options))
    if reminders.digest_due(rnd=rnd, today=today):
        transaction.on_commit(lambda: send_bu_digest.apply_async(args=[rnd.pk, day], **options))
    return len(agency_ids)
