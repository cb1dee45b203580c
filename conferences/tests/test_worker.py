"""The nightly recompute on a real Celery worker, through Redis, against the test database."""

import datetime as dt

import pytest

from conferences import tasks
from conferences.tests.factories import ConferenceFactory
from tests.worker import celery_worker, needs_worker  # noqa: F401  (fixture)

pytestmark = [pytest.mark.redis, needs_worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_recomputes_and_a_second_run_changes_nothing(world, celery_worker):  # noqa: F811
    from scorecard.framework import load_catalogue
    from scorecard.models import Measurement

    load_catalogue()
    ConferenceFactory(enquiry_start_date=dt.date(2025, 5, 1), conference_date=dt.date(2025, 5, 23))
    first = tasks.recompute_indicators.apply_async(args=["2025-05-01", "2025-05-31"], queue=celery_worker.queue)
    assert first.get(timeout=60)["CP_ICPC_15WD"] == 2, celery_worker.log()[-3000:]
    count = Measurement.objects.filter(origin="computed:conferences").count()
    again = tasks.recompute_indicators.apply_async(args=["2025-05-01", "2025-05-31"], queue=celery_worker.queue)
    again.get(timeout=60)
    assert Measurement.objects.filter(origin="computed:conferences").count() == count
    may = Measurement.objects.get(
        indicator__code="CP_ICPC_15WD", period_start=dt.date(2025, 5, 1), period_end=dt.date(2025, 5, 31)
    )
    assert (may.numerator, may.denominator) == (1, 1)
