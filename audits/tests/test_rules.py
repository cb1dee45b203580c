"""Audit workflow and due-date rules, pinned without a database."""

import datetime as dt

from audits import rules

TODAY = dt.date(2025, 6, 10)


def test_status_moves_only_forward_along_the_workflow():
    assert rules.can_move("planned", "in_progress")
    assert rules.can_move("in_progress", "reported")
    assert rules.can_move("reported", "action_plan_agreed")
    assert rules.can_move("action_plan_agreed", "follow_up_due")
    assert rules.can_move("action_plan_agreed", "closed")
    assert rules.can_move("follow_up_due", "closed")
    assert not rules.can_move("planned", "reported")
    assert not rules.can_move("closed", "planned")
    assert not rules.can_move("reported", "closed")


def test_a_report_is_overdue_only_after_its_due_date_and_while_unreported():
    assert not rules.report_overdue(TODAY, "in_progress", TODAY)  # due today: not yet
    assert rules.report_overdue(TODAY - dt.timedelta(days=1), "in_progress", TODAY)
    assert rules.report_overdue(TODAY - dt.timedelta(days=1), "planned", TODAY)
    assert not rules.report_overdue(TODAY - dt.timedelta(days=1), "reported", TODAY)
    assert not rules.report_overdue(None, "planned", TODAY)


def test_follow_up_reminders_start_14_days_before_and_turn_overdue_after_the_date():
    assert rules.follow_up_reminder_kind(TODAY + dt.timedelta(days=15), False, TODAY) is None
    assert rules.follow_up_reminder_kind(TODAY + dt.timedelta(days=14), False, TODAY) == "due_soon"
    assert rules.follow_up_reminder_kind(TODAY, False, TODAY) == "due_soon"
    assert rules.follow_up_reminder_kind(TODAY - dt.timedelta(days=1), False, TODAY) == "overdue"
    assert rules.follow_up_reminder_kind(TODAY - dt.timedelta(days=1), True, TODAY) is None
