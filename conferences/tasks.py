"""Background work: recomputing the conference indicators into the scorecard."""

import datetime as dt

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def recompute_indicators(self, start: str | None = None, end: str | None = None) -> dict:
    """Recompute the financial years covering start..end (ISO dates; default: this one and
    the last). Idempotent: a second run replaces the same values."""
    from conferences.services import indicators_recompute

    today = timezone.localdate()
    start_date = dt.date.fromisoformat(start) if start else today - dt.timedelta(days=365)
    end_date = dt.date.fromisoformat(end) if end else today
    return indicators_recompute(start=start_date, end=end_date)
