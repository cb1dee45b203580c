"""Retention: personal data past each strand's period is deleted or anonymised, and logged."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command

from partnership.models import SecurityEvent
from partnership.retention import apply_retention

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


def _old_event(kind="login_failed", username="someone", days=800):
    with time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC) - dt.timedelta(days=days)):
        return SecurityEvent.objects.create(kind=kind, username=username, ip_address="192.0.2.1")


def test_the_security_log_keeps_two_years_and_logs_what_went(settings):
    settings.RETENTION_DAYS = {"partnership": 730}
    old = _old_event(days=731)
    recent = _old_event(days=700)
    done = apply_retention(today=TODAY)
    assert done["partnership"] == 1
    assert not SecurityEvent.objects.filter(pk=old.pk).exists()
    assert SecurityEvent.objects.filter(pk=recent.pk).exists()
    logged = SecurityEvent.objects.get(kind="retention")
    assert "partnership: 1 security-log rows and login attempts deleted" in logged.detail


def test_old_login_attempts_go_too(settings):
    from axes.models import AccessAttempt

    settings.RETENTION_DAYS = {"partnership": 30}
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)):
        AccessAttempt.objects.create(username="someone", ip_address="192.0.2.1", failures_since_start=3)
    assert apply_retention(today=TODAY)["partnership"] == 1
    assert not AccessAttempt.objects.exists()


def test_a_dry_run_changes_nothing_and_logs_nothing(settings):
    settings.RETENTION_DAYS = {"partnership": 730}
    _old_event(days=900)
    assert apply_retention(today=TODAY, dry_run=True)["partnership"] == 1
    assert SecurityEvent.objects.count() == 1
    assert not SecurityEvent.objects.filter(kind="retention").exists()


def test_zero_keeps_everything(settings):
    settings.RETENTION_DAYS = {"partnership": 0, "cdop": 0, "conferences": 0}
    _old_event(days=5000)
    assert set(apply_retention(today=TODAY).values()) == {0}
    assert SecurityEvent.objects.count() == 1


def test_old_cdop_cases_lose_their_details_but_keep_their_counts(world, settings):
    from cdop import statistics
    from cdop.models import Death, Ethnicity
    from cdop.tests.factories import DeathFactory, load_reference_data, review_for

    load_reference_data()
    settings.RETENTION_DAYS = {"cdop": 365}
    white = Ethnicity.objects.first()
    old = DeathFactory(date_of_death=dt.date(2023, 5, 17), ethnicity=white, sex="male", review_reference="LR-1")
    review_for(old, reviewed_on=dt.date(2024, 1, 10), scores={"service": "2"})
    old.review.learning_points = "Learning about this family"
    old.review.save()
    recent = DeathFactory(date_of_death=dt.date(2025, 9, 2), ethnicity=white, sex="male")
    review_for(recent, reviewed_on=dt.date(2026, 1, 10))
    panel = world.user("cdop")
    before = [(t.key, t.years, [r.cells for r in t.rows]) for t in statistics.statistics(user=panel)]

    assert apply_retention(today=TODAY)["cdop"] == 1
    old.refresh_from_db()
    # What the published statistics count stays (sex and ethnic group are in their tables).
    assert (old.sex, old.ethnicity, old.review_reference, old.date_of_death) == (
        "male",
        white,
        "",
        dt.date(2023, 5, 1),
    )
    assert old.review.__class__.objects.get(pk=old.review.pk).learning_points == ""
    assert not Death.history.filter(id=old.pk).exists()
    recent.refresh_from_db()
    assert (recent.sex, recent.ethnicity) == ("male", white)
    assert Death.history.filter(id=recent.pk).exists()
    after = [(t.key, t.years, [r.cells for r in t.rows]) for t in statistics.statistics(user=panel)]
    assert after == before  # the published statistics are unchanged
    assert apply_retention(today=TODAY)["cdop"] == 0  # done once
    assert SecurityEvent.objects.filter(kind="retention", detail__startswith="cdop: 1").count() == 1


def test_a_childs_old_conferences_get_one_pseudonym(settings):
    from conferences.models import Conference
    from conferences.tests.factories import ConferenceFactory

    def held(ref, day, kind="initial"):
        start = day - dt.timedelta(days=14)
        return ConferenceFactory(
            child_ref=ref, kind=kind, conference_date=day, strategy_discussion_date=start, enquiry_start_date=start
        )

    settings.RETENTION_DAYS = {"conferences": 365}
    first = held("CP-20-00001", dt.date(2024, 3, 1))
    held("CP-20-00001", dt.date(2024, 6, 1), kind="review")
    ongoing = held("CP-20-00002", dt.date(2024, 3, 1))
    held("CP-20-00002", dt.date(2026, 3, 1), kind="review")

    assert apply_retention(today=TODAY)["conferences"] == 2
    assert set(Conference.objects.filter(pk__gte=first.pk).values_list("child_ref", flat=True)) == {
        f"ANON-{first.pk}",
        "CP-20-00002",
    }
    assert not Conference.history.filter(child_ref="CP-20-00001").exists()
    assert Conference.objects.filter(child_ref="CP-20-00002").count() == 2  # a child still in conference
    ongoing.refresh_from_db()
    assert ongoing.child_ref == "CP-20-00002"


def test_the_command_says_what_it_did(settings):
    settings.RETENTION_DAYS = {"partnership": 730}
    _old_event(days=900)
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "partnership: would change 1 record(s)" in out.getvalue()
    assert SecurityEvent.objects.count() == 1


def test_beat_runs_it_every_day_through_the_task(settings):
    from bscp_portal.schedule import beat_schedule
    from partnership.tasks import apply_retention as task

    entry = beat_schedule()["partnership-daily-retention"]
    assert entry["task"] == "partnership.tasks.apply_retention"
    assert entry["schedule"].day_of_week == set(range(7))
    settings.RETENTION_DAYS = {"partnership": 730}
    _old_event(days=5000)
    assert task.delay().get()["partnership"] == 1
