"""Section 11 reminder jobs on the portal's task base (bscp_portal/lib/tasks.py). Tasks take
ids and an ISO date, re-fetch, and are idempotent: the reminder log means a rerun (or a
redelivery) sends nothing twice."""

from celery import shared_task

from bscp_portal.lib.tasks import RetryingTask, queue_each, task_day
from section11 import reminders


@shared_task(base=RetryingTask, bind=True)
def send_agency_reminder(self, round_id: int, agency_id: int, on_date: str) -> int:
    """One agency's reminder for one day (to its leads and contributors)."""
    return reminders.agency_reminder_send(round_id=round_id, agency_id=agency_id, today=task_day(on_date))


@shared_task(base=RetryingTask, bind=True)
def send_bu_digest(self, round_id: int, on_date: str) -> int:
    return reminders.digest_send(round_id=round_id, today=task_day(on_date))


@shared_task(base=RetryingTask, bind=True)
def daily_reminders(self, on_date: str | None = None) -> int:
    """Daily (beat): queue reminders for agencies not yet submitted, and the Monday digest."""
    today = task_day(on_date)
    day = today.isoformat()
    rnd = reminders.reminder_round(today=today)
    if rnd is None:
        return 0
    agency_ids = reminders.agencies_to_remind(rnd=rnd, today=today)
    queue_each(self, send_agency_reminder, [(rnd.pk, agency_id, day) for agency_id in agency_ids])
    if reminders.digest_due(rnd=rnd, today=today):
        queue_each(self, send_bu_digest, [(rnd.pk, day)])
    return len(agency_ids)


@shared_task(base=RetryingTask, bind=True)
def open_late_escalations(self, on_date: str | None = None) -> int:
    """Daily (beat): escalate required returns not submitted by the deadline plus 10 working days."""
    from section11.services import escalations_open_late

    return len(escalations_open_late(today=task_day(on_date)))
