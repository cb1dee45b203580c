"""Background work: recomputing the conference indicators into the scorecard."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from bscp_portal.lib.tasks import RetryingTask


@shared_task(base=RetryingTask, bind=True)
def recompute_indicators(self, start: str | None = None, end: str | None = None) -> dict:
    """Recompute the financial years covering start..end (ISO dates; default: this one and
    the last). Idempotent: a second run replaces the same values."""
    from conferences.services import indicators_recompute

    today = timezone.localdate()
    start_date = dt.date.fromisoformat(start) if start else today - dt.timedelta(days=365)
    end_date = dt.date.fromisoformat(end) if end else today
    return indicators_recompute(start=start_date, end=end_date)


@shared_task(base=RetryingTask, bind=True)
def recompute_closed_month(self) -> dict:
    """Early on the 1st: the month that has just closed gets its figures before anyone reads
    the scorecard (the financial year holding it is recomputed with it)."""
    from conferences.indicators import last_closed_month
    from conferences.services import indicators_recompute

    start, end = last_closed_month(timezone.localdate())
    return indicators_recompute(start=start, end=end)
