from celery.schedules import crontab

BEAT = {
    "annual-report-requeue-stalled": {"task": "annual_report.tasks.requeue_stalled", "schedule": crontab(minute="*/5")},
}
