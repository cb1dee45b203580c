"""Beat entries for the scorecard (merged into the one static schedule in bscp_portal.schedule)."""

from celery.schedules import crontab

BEAT = {
    "scorecard-daily-return-reminders": {
        "task": "scorecard.tasks.return_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
}
