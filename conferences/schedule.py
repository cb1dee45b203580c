"""Nightly recomputation of the conference indicators (merged into the one beat schedule)."""

from celery.schedules import crontab

BEAT = {
    "conferences-recompute-indicators": {
        "task": "conferences.tasks.recompute_indicators",
        "schedule": crontab(hour=2, minute=30),
    },
    "conferences-recompute-closed-month": {
        "task": "conferences.tasks.recompute_closed_month",
        "schedule": crontab(day_of_month=1, hour=0, minute=20),
    },
}
