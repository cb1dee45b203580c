"""Audit e-mails on a real Celery worker, through Redis, against the test database."""

import datetime as dt

import pytest

from audits import tasks
from audits.models import FollowUp
from audits.tests.factories import AgencyAuditFactory
from partnership.models import ReminderLog
from tests.worker import celery_worker, needs_worker  # noqa: F401  (fixture)

pytestmark = [pytest.mark.redis, needs_worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_tells_the_agency_of_a_request_once(world, celery_worker):  # noqa: F811
    audit = AgencyAuditFactory(agency=world.home, origin="paqa", title="Worker audit", scope="Scope")
    assert tasks.notify_audit_requested.apply_async(args=[audit.pk], queue=celery_worker.queue).get(timeout=60) == 1
    assert tasks.notify_audit_requested.apply_async(args=[audit.pk], queue=celery_worker.queue).get(timeout=60) == 0
    messages = celery_worker.wait_for_mail(1)
    assert [m["To"] for m in messages] == [world.user("lead").email], celery_worker.log()[-3000:]
    assert messages[0]["Subject"] == "Audit requested: Worker audit"


def test_the_worker_sends_each_follow_up_reminder_once_a_day(world, celery_worker):  # noqa: F811
    day = dt.date(2026, 6, 10)
    audit = AgencyAuditFactory(agency=world.home, status="follow_up_due")
    FollowUp.objects.create(audit=audit, due_date=day - dt.timedelta(days=2), requested_by=world.user("paqa"))
    first = tasks.send_follow_up_reminders.apply_async(args=[day.isoformat()], queue=celery_worker.queue)
    assert first.get(timeout=60) == 1
    again = tasks.send_follow_up_reminders.apply_async(args=[day.isoformat()], queue=celery_worker.queue)
    assert again.get(timeout=60) == 0
    assert len(celery_worker.wait_for_mail(2, timeout=3)) == 1
    assert ReminderLog.objects.get().step == "overdue"
