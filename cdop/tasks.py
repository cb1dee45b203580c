from smtplib import SMTPException

from celery import shared_task


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, autoretry_for=(SMTPException, ConnectionError), max_retries=3
)
def send_waiting_reminders(self) -> int:
    """Weekly: remind the panel chair of cases waiting longer than the local target."""
    from cdop.reminders import send_waiting_reminders as send

    return send()
