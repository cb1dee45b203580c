"""Background jobs: one retry policy, one queue rule, one way to name the day a job is for.

Every strand's Celery task is declared on `RetryingTask`:

    from celery import shared_task
    from bscp_portal.lib.tasks import RetryingTask, queue_each, task_day

    @shared_task(base=RetryingTask, bind=True)
    def send_thing_reminder(self, user_id: int, on_date: str) -> bool:
        return reminders.thing_reminder_send(user_id=user_id, today=task_day(on_date))

    @shared_task(base=RetryingTask, bind=True)
    def daily_thing_reminders(self, on_date: str | None = None) -> int:       # the beat entry
        day = task_day(on_date)
        people = reminders.people_to_remind(today=day)
        return queue_each(self, send_thing_reminder, [(pk, day.isoformat()) for pk in people])

- Retry policy: a lost worker hands the job back (acks late); a mail server, broker or
  database that is briefly unavailable is retried with exponential back-off from a minute,
  five times. Jobs must therefore be idempotent: take ids and a date, re-fetch, and let the
  reminder log (partnership/reminders.py) refuse a second send.
- Queue rule: a job's children go to the queue the job came from, and are queued only once
  the transaction that found them commits (`queue_each`).
- Tasks take the day as an ISO date, so a job redelivered after midnight still works on the
  day it was queued for (`task_day`).
"""

import datetime as dt
import smtplib
from collections.abc import Iterable, Sequence

from celery import Task
from django.db import OperationalError, transaction
from django.utils import timezone


class RetryingTask(Task):
    """The portal's retry policy for background jobs."""

    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = (smtplib.SMTPException, ConnectionError, TimeoutError, OperationalError)
    retry_backoff = 60
    retry_backoff_max = 3600
    max_retries = 5


def task_day(on_date: str | None) -> dt.date:
    """The day a job works on: the ISO date it was given, else today (in the portal's time zone)."""
    return dt.date.fromisoformat(on_date) if on_date else timezone.localdate()


def same_queue(task: Task) -> dict:
    """Options that queue a job's children where the job itself came from (default queue otherwise)."""
    queue = (task.request.delivery_info or {}).get("routing_key")
    return {"queue": queue} if queue else {}


def queue_each(parent: Task, child: Task, arguments: Iterable[Sequence]) -> int:
    """Queue `child` once per argument list, after the current transaction commits; returns how many."""
    options = same_queue(parent)
    count = 0
    for args in arguments:
        transaction.on_commit(lambda args=list(args): child.apply_async(args=args, **options))
        count += 1
    return count
