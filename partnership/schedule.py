"""Periodic jobs for the foundation (merged into the one beat schedule)."""

from celery.schedules import crontab

BEAT = {
    "partnership-daily-retention": {
        "task": "partnership.tasks.apply_retention",
        "schedule": crontab(hour=2, minute=30),
    },
}
