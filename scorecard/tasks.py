"""Data calendar jobs: the daily reminder run (idempotent: a rerun on the same day sends nothing)."""

import datetime as dt
import smtplib

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from scorecard import reminders


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError, OperationalError),
    retry_backoff=60,
    max_retries=5,
)
def return_reminders(self, on_date: str | None = None) -> dict:
    """Daily (beat): reminders a week before, on the due day, chases and missing figures."""
    day = dt.date.fromisoformat(on_date) if on_date else timezone.localdate()
    return dict(reminders.send_due(today=day))
