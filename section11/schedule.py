"""Beat entries for Section 11 (merged into the one static schedule in bscp_portal.schedule)."""

from celery.schedules import crontab

BEAT = {
    "section11-daily-reminders": {
        "task": "section11.tasks.daily_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    "section11-late-escalations": {
        "task": "section11.tasks.open_late_escalations",
        "schedule": crontab(hour=7, minute=30),
    },
}
