"""A strand's beat entries, written in its `schedule.py` (read while the settings load: no Django
imports here) and gathered by `bscp_portal.schedule` into the one static schedule."""

from celery.schedules import crontab


def beat(task: str, **when) -> dict:
    """The entry that runs `task` at the crontab `when` (hour=7, minute=15, day_of_week="mon"...)."""
    return {"task": task, "schedule": crontab(**when)}
