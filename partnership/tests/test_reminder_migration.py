"""The actions and Section 11 reminder logs move into the one reminder log, and back."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("actions", "0002_action_due_order_index"),
    ("section11", "0001_initial"),
    ("partnership", "0005_reminder_log"),
]
AFTER = [("actions", "0003_reminders_to_one_log"), ("section11", "0002_reminders_to_one_log")]
DAY = dt.date(2026, 3, 10)
MOVED_APPS: set[str] = set()  # every app a migration here moved, brought back to its latest after each test


def _migrate(targets):
    """Migrate the apps of `targets` to those nodes, replaying only the histories of the apps
    that move (those of `targets` and the later migrations of other apps built on the ones
    moved back) and what they depend on: replaying the whole project's history (as `migrate`
    does to go backwards) takes minutes."""
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    moved = {(migration.app_label, migration.name) for migration, _ in executor.migration_plan(targets)}
    concerned = {app for app, _ in targets} | {app for app, _ in moved}
    MOVED_APPS.update(concerned)
    leaves = [node for node in graph.leaf_nodes() if node[0] in concerned]
    others = {child for node in moved for child in graph.node_map[node].children if child[0] not in concerned}
    assert not others, f"{others} depend on migrations this test moves: replay the whole project instead"
    graph.leaf_nodes = lambda app=None: leaves if app is None else [n for n in leaves if n[0] == app]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_logs():
    apps = _migrate(BEFORE)
    User = apps.get_model("partnership", "User")
    Agency = apps.get_model("partnership", "Agency")
    Action = apps.get_model("actions", "Action")
    Reminder = apps.get_model("actions", "Reminder")
    Round = apps.get_model("section11", "Round")
    ReminderSent = apps.get_model("section11", "ReminderSent")
    StandardSet = apps.get_model("section11", "StandardSet")
    agency = Agency.objects.create(name="Home Agency", short_name="Home", kind="police", s11_duty="statutory")
    owner = User.objects.create(username="owner", email="owner@example.org", agency=agency)
    actions = [
        Action.objects.create(description=f"Action {n}", measure="m", owner=owner, agency=agency, due_date=DAY)
        for n in (1, 2)
    ]
    reminder = Reminder.objects.create(recipient=owner, kind="overdue", on_date=DAY)
    reminder.actions.set(actions)
    standards = StandardSet.objects.create(code="s11", name="Section 11 standards")
    rnd = Round.objects.create(
        name="2026 round", period="2026-27", standard_set=standards, opens_on=DAY, deadline=DAY + dt.timedelta(days=60)
    )
    ReminderSent.objects.create(round=rnd, agency=agency, recipient=owner, kind="28", on_date=DAY)
    yield {"owner": owner, "actions": actions, "round": rnd}
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    _migrate([node for node in latest if node[0] in MOVED_APPS])  # latest again, for the other tests


def test_the_old_logs_move_into_the_one_log_and_back(old_logs):
    """One trip there and back (each migration of the project state takes tens of seconds):
    every old reminder is kept in the one log, and going back restores the old logs."""
    apps = _migrate(AFTER)
    ReminderLog = apps.get_model("partnership", "ReminderLog")
    rows = {
        (r.item_type.app_label, r.item_type.model, r.item_id, r.step, r.label, r.on_date, r.recipient_id)
        for r in ReminderLog.objects.select_related("item_type")
    }
    owner, rnd = old_logs["owner"].pk, old_logs["round"].pk
    assert rows == {
        ("actions", "action", old_logs["actions"][0].pk, "overdue", "Overdue", DAY, owner),
        ("actions", "action", old_logs["actions"][1].pk, "overdue", "Overdue", DAY, owner),
        ("section11", "round", rnd, "28", "Return due in 28 days", DAY, owner),
    }

    # Going back restores the old logs.
    apps = _migrate(BEFORE)
    Reminder = apps.get_model("actions", "Reminder")
    ReminderSent = apps.get_model("section11", "ReminderSent")
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.on_date) == ("overdue", DAY)
    assert sorted(a.pk for a in reminder.actions.all()) == sorted(a.pk for a in old_logs["actions"])
    sent = ReminderSent.objects.get()
    assert (sent.kind, sent.round_id, sent.agency_id) == ("28", old_logs["round"].pk, old_logs["owner"].agency_id)
    assert not apps.get_model("partnership", "ReminderLog").objects.exists()
