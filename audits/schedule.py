"""Periodic audit jobs, merged into the one static beat schedule (no Django imports here)."""

from celery.schedules import crontab

BEAT = {
    "audits-follow-up-reminders": {
        "task": "audits.tasks.send_follow_up_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
}
