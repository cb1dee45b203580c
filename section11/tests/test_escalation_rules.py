"""Section 11 escalation timeline, pinned on fixed dates (working days in England and Wales)."""

import datetime as dt

import pytest

from section11 import escalation as e

D = dt.date


def test_a_late_return_escalates_after_the_deadline_plus_10_working_days():
    # Deadline Friday 12 December 2025; 10 working days later, skipping Christmas Day, Boxing Day
    # and New Year's Day, is Tuesday 30 December.
    assert e.late_return_escalates_after(D(2025, 12, 12)) == D(2025, 12, 30)
    assert e.late_return_due(deadline=D(2025, 12, 12), today=D(2025, 12, 30), submitted=False) is False
    assert e.late_return_due(deadline=D(2025, 12, 12), today=D(2025, 12, 31), submitted=False) is True
    assert e.late_return_due(deadline=D(2025, 12, 12), today=D(2026, 1, 31), submitted=True) is False


def test_the_response_is_due_20_working_days_after_the_letter():
    # Letter Monday 2 March 2026: 20 working days is Monday 30 March.
    assert e.response_due(D(2026, 3, 2)) == D(2026, 3, 30)
    # Across Easter 2026 (Good Friday 3 April, Easter Monday 6 April): from 23 March to 22 April
    assert e.response_due(D(2026, 3, 23)) == D(2026, 4, 22)


def test_the_steps_go_in_order():
    today = D(2026, 5, 1)
    assert e.step_problem(stage=e.OPENED, to=e.LETTER_SENT, today=today, due=None) == ""
    assert "next step is letter sent" in e.step_problem(stage=e.OPENED, to=e.PAQA_BOARD, today=today, due=None)
    assert e.step_problem(stage=e.LETTER_SENT, to=e.PAQA_BOARD, today=today, due=D(2026, 4, 30)) == ""
    assert e.step_problem(stage=e.PAQA_BOARD, to=e.PARTNERSHIP, today=today, due=D(2026, 4, 30)) == ""
    assert "closed" in e.step_problem(stage=e.RESOLVED, to=e.PARTNERSHIP, today=today, due=None)


def test_paqa_takes_the_item_only_once_the_response_is_overdue():
    problem = e.step_problem(stage=e.LETTER_SENT, to=e.PAQA_BOARD, today=D(2026, 3, 30), due=D(2026, 3, 30))
    assert problem == "The agency has until 30 March 2026 to respond: refer it to PAQA's board after that."
    assert e.step_problem(stage=e.LETTER_SENT, to=e.PAQA_BOARD, today=D(2026, 3, 31), due=D(2026, 3, 30)) == ""


@pytest.mark.parametrize("stage", [e.OPENED, e.LETTER_SENT, e.PAQA_BOARD, e.PARTNERSHIP])
def test_resolving_needs_a_note(stage):
    assert e.step_problem(stage=stage, to=e.RESOLVED, today=D(2026, 1, 5), due=None) == (
        "Say how the matter was resolved."
    )
    assert e.step_problem(stage=stage, to=e.RESOLVED, today=D(2026, 1, 5), due=None, note="Policy adopted") == ""


def test_overdue_only_while_waiting_for_the_response():
    assert e.overdue(stage=e.LETTER_SENT, today=D(2026, 3, 31), due=D(2026, 3, 30)) is True
    assert e.overdue(stage=e.LETTER_SENT, today=D(2026, 3, 30), due=D(2026, 3, 30)) is False
    assert e.overdue(stage=e.PAQA_BOARD, today=D(2026, 5, 1), due=D(2026, 3, 30)) is False


def test_the_module_has_no_django_imports():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(e))
    names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [n for n in names if n.startswith("django")]
