"""The task base: one retry policy, the day a job is for, children queued after commit."""

import datetime as dt
import smtplib

import pytest
from celery import shared_task
from django.db import OperationalError

from bscp_portal.lib.tasks import RetryingTask, queue_each, task_day

seen: list = []


@shared_task(base=RetryingTask, bind=True)
def _child(self, *args):
    seen.append(args)


@shared_task(base=RetryingTask, bind=True)
def _parent(self, ids):
    return queue_each(self, _child, [(pk, "2026-03-10") for pk in ids])


def test_it_retries_mail_broker_and_database_failures_with_backoff():
    assert {smtplib.SMTPException, ConnectionError, TimeoutError, OperationalError} <= set(RetryingTask.autoretry_for)
    assert RetryingTask.acks_late and RetryingTask.reject_on_worker_lost
    assert (RetryingTask.retry_backoff, RetryingTask.max_retries) == (60, 5)


def test_a_job_works_on_the_day_it_was_given():
    assert task_day("2026-03-10") == dt.date(2026, 3, 10)


def test_without_a_day_it_works_on_today(settings):
    from django.utils import timezone

    assert task_day(None) == timezone.localdate()


@pytest.mark.django_db
def test_children_are_queued_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    seen.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert _parent.apply(args=[[1, 2]]).get() == 2
        assert seen == []
    for callback in callbacks:
        callback()
    assert sorted(seen) == [(1, "2026-03-10"), (2, "2026-03-10")]
