"""Background work for partnership performance: the 3-month training follow-up reminder."""

from celery import shared_task

from bscp_portal.lib.tasks import RetryingTask, queue_each, task_day
from governance import reminders


@shared_task(base=RetryingTask, bind=True)
def send_follow_up_reminder(self, user_id: int, on_date: str) -> bool:
    return reminders.follow_up_reminder_send(user_id=user_id, today=task_day(on_date))


@shared_task(base=RetryingTask, bind=True)
def daily_follow_up_reminders(self, on_date: str | None = None) -> int:
    """The beat entry: one job per business unit member."""
    day = task_day(on_date)
    return queue_each(self, send_follow_up_reminder, [(pk, day.isoformat()) for pk in reminders.people_to_remind()])
