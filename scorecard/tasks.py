"""Data calendar jobs: the daily reminder run (idempotent: a rerun on the same day sends nothing)."""

from celery import shared_task

from bscp_portal.lib.tasks import RetryingTask, task_day
from scorecard import reminders


@shared_task(base=RetryingTask, bind=True)
def return_reminders(self, on_date: str | None = None) -> dict:
    """Daily (beat): reminders a week before, on the due day, chases and missing figures."""
    day = task_day(on_date)
    return dict(reminders.send_due(today=day))
