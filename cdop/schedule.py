"""Periodic jobs for the CDOP (merged into the one beat schedule)."""

from celery.schedules import crontab

BEAT = {
    "cdop-weekly-waiting-reminder": {
        "task": "cdop.tasks.send_waiting_reminders",
        # Monday morning, once a week; the reminder log (person, case, step, day) stops a rerun.
        "schedule": crontab(hour=7, minute=40, day_of_week="mon"),
    },
}
