"""Pure rules for actions: no Django imports, tested without a database."""

import datetime as dt

OPEN_STATUSES = frozenset({"not_started", "in_progress"})

#: Owners are reminded of open actions due within this many days (FRAMEWORK: chase before due).
DUE_SOON_DAYS = 14


def is_overdue(due_date: dt.date, status: str, today: dt.date) -> bool:
    """Open and past its due date (due today is not yet overdue)."""
    return status in OPEN_STATUSES and due_date < today


def sign_off_problem(evidence: str) -> str | None:
    """Why an action cannot be signed off, or None: evidence of an outcome is required."""
    if not (evidence or "").strip():
        return "An action can be marked complete only with evidence of its outcome, not just that the task was done."
    return None


def completed_on_time(due_date: dt.date, completed_on: dt.date) -> bool:
    return completed_on <= due_date
