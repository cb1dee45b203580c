"""Pure rules for actions: no Django imports, tested without a database."""

import datetime as dt

OPEN_STATUSES = frozenset({"not_started", "in_progress"})

#: Owners are reminded of open actions due within this many days (FRAMEWORK: chase before due).
DUE_SOON_DAYS = 14


#: An open action whose due date has been moved this many times is no longer "on track".
MOVES_BEFORE_DRIFTING = 3


def is_drifting(status: str, due_date_moves: int) -> bool:
    """Open, with its due date moved MOVES_BEFORE_DRIFTING or more times: not on track, whatever
    its current due date says."""
    return status in OPEN_STATUSES and due_date_moves >= MOVES_BEFORE_DRIFTING


def is_on_track(due_date: dt.date, status: str, due_date_moves: int, today: dt.date) -> bool:
    """Open, not overdue and not drifting."""
    return (
        status in OPEN_STATUSES and not is_overdue(due_date, status, today) and not is_drifting(status, due_date_moves)
    )


def is_overdue(due_date: dt.date, status: str, today: dt.date) -> bool:
    """Open and past its due date (due today is not yet overdue)."""
    return status in OPEN_STATUSES and due_date < today


#: Words that say only that a task was done; on their own they are not evidence of an outcome.
TASK_ONLY_WORDS = frozenset(
    {
        "done",
        "complete",
        "completed",
        "task complete",
        "task completed",
        "task done",
        "finished",
        "closed",
        "actioned",
        "achieved",
        "implemented",
        "yes",
        "ok",
        "okay",
        "n/a",
        "na",
        "see above",
        "as above",
    }
)


def sign_off_problem(evidence: str) -> str | None:
    """Why an action cannot be signed off, or None. The framework signs actions off only with
    evidence of an outcome: an empty statement, or one that only says the task is done
    ("done", "completed", "actioned", ...), is refused."""
    text = (evidence or "").strip()
    if not text:
        return "An action can be marked complete only with evidence of its outcome, not just that the task was done."
    if " ".join(text.lower().strip(" .!").split()) in TASK_ONLY_WORDS:
        return (
            f"“{text}” says the task was done, not what changed. Describe the outcome and how you know "
            "(for example a re-audit result, a change in the figures, or feedback from families)."
        )
    return None


def completed_on_time(due_date: dt.date, completed_on: dt.date) -> bool:
    """Completed on or before the due date (signed off on the due date is on time)."""
    return completed_on <= due_date


def reminder_kind(due_date: dt.date, status: str, today: dt.date, window: int = DUE_SOON_DAYS) -> str | None:
    """What an owner is reminded of: "overdue" (open, past due), "due_soon" (open, due from
    today to `window` days ahead, both ends included), or None."""
    if status not in OPEN_STATUSES:
        return None
    if due_date < today:
        return "overdue"
    if due_date <= today + dt.timedelta(days=window):
        return "due_soon"
    return None
