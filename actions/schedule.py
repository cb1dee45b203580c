"""Beat entries for actions (merged into the one static schedule in bscp_portal.schedule)."""

from celery.schedules import crontab

BEAT = {
    "actions-daily-owner-reminders": {
        "task": "actions.tasks.daily_owner_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "actions-weekly-chair-digests": {
        "task": "actions.tasks.weekly_chair_digests",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
    },
}
