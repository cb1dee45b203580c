"""The audits follow-up, CDOP waiting-case and data calendar reminder logs move into the one
reminder log, and back."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("audits", "0003_disagreements"),
    ("cdop", "0005_lookup_base"),
    ("scorecard", "0008_indicator_key"),
    ("partnership", "0009_reminder_log_steps_for_nobody"),
]
AFTER = [
    ("audits", "0004_follow_up_reminders_to_one_log"),
    ("cdop", "0006_waiting_reminders_to_one_log"),
    ("scorecard", "0009_return_reminders_to_one_log"),
]
DAY = dt.date(2026, 5, 22)
APRIL = dt.date(2026, 4, 1)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_logs():
    apps = _migrate(BEFORE)
    model = apps.get_model
    agency = model("partnership", "Agency").objects.create(
        name="Home Agency", short_name="Home", kind="police", s11_duty="statutory"
    )
    lead = model("partnership", "User").objects.create(username="lead", email="lead@example.org", agency=agency)
    chair = model("partnership", "User").objects.create(username="chair", email="chair@example.org")
    audit = model("audits", "AgencyAudit").objects.create(agency=agency, title="Audit", theme="Neglect")
    follow_ups = [
        model("audits", "FollowUp").objects.create(audit=audit, due_date=DAY, requested_by=chair) for _ in (1, 2)
    ]
    reminder = model("audits", "FollowUpReminder").objects.create(recipient=lead, kind="overdue", on_date=DAY)
    reminder.follow_ups.set(follow_ups)
    area = model("cdop", "Area").objects.create(code="north", name="North")
    death = model("cdop", "Death").objects.create(
        case_number="CD-1", date_of_death=dt.date(2025, 1, 1), date_notified=dt.date(2025, 1, 2), age_years=3,
        age_band="1-4", sex="female", area=area, place_of_death="home", expectation="unexpected",
    )  # fmt: skip
    waiting = model("cdop", "WaitingReminder").objects.create(recipient=chair, on_date=DAY)
    waiting.deaths.set([death])
    indicator = model("scorecard", "Indicator").objects.create(
        code="BULLY", name="Bullying", definition="d", unit="percentage", polarity="higher", frequency="monthly"
    )
    submitter = model("scorecard", "Submitter").objects.create(indicator=indicator, agency=agency, responsible=lead)
    ReturnReminder = model("scorecard", "ReturnReminder")
    ReturnReminder.objects.create(
        key=f"chase:{indicator.pk}:{agency.pk}:2026-04-01:{lead.pk}", step="chase", indicator=indicator,
        agency=agency, period_start=APRIL, recipient=lead, sent_on=DAY,
    )  # fmt: skip
    ReturnReminder.objects.create(
        key=f"missing:{indicator.pk}:{agency.pk}:2026-04-01:-", step="missing", indicator=indicator,
        agency=agency, period_start=APRIL, recipient=None, sent_on=DAY,
    )  # fmt: skip
    yield {"lead": lead, "chair": chair, "follow_ups": follow_ups, "death": death, "submitter": submitter}
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # back to the latest state


def test_the_old_logs_move_into_the_one_log_and_back(old_logs):
    """One trip there and back (each migration of the project state takes tens of seconds):
    every old reminder is kept in the one log, and going back restores the old logs."""
    apps = _migrate(AFTER)
    rows = {
        (r.item_type.app_label, r.item_type.model, r.item_id, r.step, r.label, r.on_date, r.recipient_id)
        for r in apps.get_model("partnership", "ReminderLog").objects.select_related("item_type")
    }
    lead, chair = old_logs["lead"].pk, old_logs["chair"].pk
    first, second = (f.pk for f in old_logs["follow_ups"])
    submitter = old_logs["submitter"].pk
    assert rows == {
        ("audits", "followup", first, "overdue", "Follow-up report overdue", DAY, lead),
        ("audits", "followup", second, "overdue", "Follow-up report overdue", DAY, lead),
        (
            "cdop",
            "death",
            old_logs["death"].pk,
            "waiting",
            "Cases waiting over the target for panel review",
            DAY,
            chair,
        ),
        ("scorecard", "submitter", submitter, "chase", "Overdue: April 2026", DAY, lead),
        ("scorecard", "submitter", submitter, "missing", "Recorded as missing: April 2026", DAY, None),
    }

    # Going back restores the old logs.
    apps = _migrate(BEFORE)
    reminder = apps.get_model("audits", "FollowUpReminder").objects.get()
    assert (reminder.kind, reminder.on_date, reminder.recipient_id) == ("overdue", DAY, old_logs["lead"].pk)
    assert sorted(f.pk for f in reminder.follow_ups.all()) == sorted(f.pk for f in old_logs["follow_ups"])
    waiting = apps.get_model("cdop", "WaitingReminder").objects.get()
    assert [d.pk for d in waiting.deaths.all()] == [old_logs["death"].pk]
    returns = apps.get_model("scorecard", "ReturnReminder").objects.order_by("step")
    assert [(r.step, r.period_start, r.recipient_id, r.sent_on) for r in returns] == [
        ("chase", APRIL, old_logs["lead"].pk, DAY),
        ("missing", APRIL, None, DAY),
    ]
    assert not apps.get_model("partnership", "ReminderLog").objects.exists()
