from celery import shared_task

from bscp_portal.lib.tasks import RetryingTask


@shared_task(base=RetryingTask, bind=True)
def send_waiting_reminders(self) -> int:
    """Weekly: remind the panel chair of cases waiting longer than the local target."""
    from cdop.reminders import send_waiting_reminders as send

    return send()
