"""The pure action rules, pinned at their boundaries (no database)."""

import datetime as dt

from actions import rules

TODAY = dt.date(2026, 3, 10)


def test_it_is_not_overdue_on_its_due_date():
    assert not rules.is_overdue(TODAY, "in_progress", TODAY)


def test_it_is_overdue_the_day_after():
    assert rules.is_overdue(TODAY - dt.timedelta(days=1), "in_progress", TODAY)
    assert rules.is_overdue(TODAY - dt.timedelta(days=1), "not_started", TODAY)


def test_complete_or_withdrawn_is_never_overdue():
    past = TODAY - dt.timedelta(days=100)
    assert not rules.is_overdue(past, "complete", TODAY)
    assert not rules.is_overdue(past, "withdrawn", TODAY)


def test_sign_off_needs_evidence():
    assert rules.sign_off_problem("") is not None
    assert rules.sign_off_problem("   \n ") is not None
    assert rules.sign_off_problem(None) is not None
    assert "evidence of its outcome" in rules.sign_off_problem("")


def test_sign_off_with_evidence_is_allowed():
    assert rules.sign_off_problem("Re-audit: 19 of 20 cases now use the tool") is None


def test_completed_on_the_due_date_is_on_time():
    assert rules.completed_on_time(TODAY, TODAY)
    assert rules.completed_on_time(TODAY, TODAY - dt.timedelta(days=1))


def test_completed_the_day_after_is_late():
    assert not rules.completed_on_time(TODAY, TODAY + dt.timedelta(days=1))


def test_reminder_overdue_from_the_day_after_due():
    assert rules.reminder_kind(TODAY - dt.timedelta(days=1), "in_progress", TODAY) == "overdue"


def test_reminder_due_soon_from_today_to_14_days_ahead():
    assert rules.reminder_kind(TODAY, "not_started", TODAY) == "due_soon"
    assert rules.reminder_kind(TODAY + dt.timedelta(days=14), "in_progress", TODAY) == "due_soon"


def test_no_reminder_15_days_ahead():
    assert rules.reminder_kind(TODAY + dt.timedelta(days=15), "in_progress", TODAY) is None


def test_no_reminder_for_closed_actions():
    assert rules.reminder_kind(TODAY - dt.timedelta(days=3), "complete", TODAY) is None
    assert rules.reminder_kind(TODAY + dt.timedelta(days=3), "withdrawn", TODAY) is None


def test_sign_off_refuses_words_that_only_say_the_task_was_done():
    for text in ["Done", "done.", "Completed", "task   complete", "Actioned!", "N/A"]:
        assert "says the task was done" in rules.sign_off_problem(text), text


def test_sign_off_accepts_a_short_outcome():
    assert rules.sign_off_problem("Done: re-audit 19/20") is None
