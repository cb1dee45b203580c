"""Pure rules for PAQA's question log: who may move a question where. No Django imports."""

import datetime as dt

OPEN, ANSWERED, CLOSED = "open", "answered", "closed"
LABELS = {
    OPEN: "Waiting for the agency's answer",
    ANSWERED: "Answered: waiting for PAQA",
    CLOSED: "Closed: answer accepted",
}

RAISED, ANSWER, ACCEPTED, ASKED_AGAIN = "raised", "answer", "accepted", "asked_again"
STEP_LABELS = {RAISED: "Question", ANSWER: "Answer", ACCEPTED: "Answer accepted", ASKED_AGAIN: "Asked again"}


def answer_problem(status: str, text: str) -> str | None:
    if status != OPEN:
        return "This question is not waiting for an answer."
    if not (text or "").strip():
        return "Write the answer."
    return None


def review_problem(status: str, decision: str, text: str, due_on: dt.date | None, today: dt.date) -> str | None:
    """PAQA accepts the answer, or asks again with the follow-up question and a new due date."""
    if status != ANSWERED:
        return "There is no answer waiting for PAQA on this question."
    if decision not in (ACCEPTED, ASKED_AGAIN):
        return "Choose whether to accept the answer or ask again."
    if decision == ASKED_AGAIN:
        if not (text or "").strip():
            return "Write what PAQA is asking now."
        if due_on is None or due_on < today:
            return "Give a due date that is today or later."
    return None


def is_overdue(status: str, due_on: dt.date, today: dt.date) -> bool:
    """Overdue while waiting for the agency after the due date."""
    return status == OPEN and due_on < today
