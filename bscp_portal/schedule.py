"""The one static Celery beat schedule, gathered from each strand's `schedule.py` (a plain
dict named BEAT, no Django imports). Run exactly one beat process."""

import importlib

#: The portal's own apps, in the order INSTALLED_APPS lists them (settings.py adds them from here).
STRAND_APPS = [
    "partnership",
    "actions",
    "scorecard",
    "section11",
    "audits",
    "reviews",
    "conferences",
    "cdop",
    "governance",
    "paqa",
    "annual_report",
]


def beat_schedule() -> dict:
    schedule: dict = {}
    for app in STRAND_APPS:
        try:
            module = importlib.import_module(f"{app}.schedule")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.schedule":
                raise
            continue
        schedule.update(module.BEAT)
    return schedule
