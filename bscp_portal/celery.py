"""Celery application: Redis broker in production and CI, eager when REDIS_URL is unset."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bscp_portal.settings")

app = Celery("bscp_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# A task queued during a request logs with that request's id (bscp_portal/observability.py).
from bscp_portal.observability import connect_celery  # noqa: E402

connect_celery()
