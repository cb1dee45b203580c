"""Periodic partnership-performance jobs, merged into the one static beat schedule (no Django imports here)."""

from celery.schedules import crontab

BEAT = {
    "governance-training-follow-up-reminders": {
        "task": "governance.tasks.daily_follow_up_reminders",
        "schedule": crontab(hour=7, minute=25),
    },
}
