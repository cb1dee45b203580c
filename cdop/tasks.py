from celery import shared_task

from bscp_portal.lib.tasks import RetryingTask, task_day


@shared_task(base=RetryingTask, bind=True)
def send_waiting_reminders(self, on_date: str | None = None) -> int:
    """Weekly: remind the panel chair of cases waiting longer than the local target."""
    from cdop.reminders import send_waiting_reminders as send

    return send(today=task_day(on_date))
