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


def marker_text(total: int, still_open: int) -> str:
    """What a figure's question marker says: "1 question, open", "3 questions, 1 open"."""
    noun = "question" if total == 1 else "questions"
    if still_open == 0:
        return f"{total} {noun}, closed" if total == 1 else f"{total} {noun}, all closed"
    if total == 1:
        return f"1 {noun}, open"
    return f"{total} {noun}, {still_open} open"


def is_overdue(status: str, due_on: dt.date, today: dt.date) -> bool:
    """Overdue while waiting for the agency after the due date."""
    return status == OPEN and due_on < today


# --- the yearly review of the dataset ---------------------------------------------------------

#: The six guiding principles a dataset is tested against (FRAMEWORK.md, Governance).
PRINCIPLES = {
    "priorities": "Shows progress on the partnership's priorities",
    "risk_factors": "Links to recognised risk factors (neglect, domestic abuse, exploitation, substance misuse)",
    "outcomes": "Shows impact on outcomes for children",
    "frontline": "Shows whether frontline child protection is fit for purpose",
    "ofsted": "Covers what Ofsted will inspect",
    "targeting": "Lets partners target services at specific areas",
}
KEEP, CHANGE, RETIRE = "keep", "change", "retire"
DECISION_LABELS = {KEEP: "Keep as it is", CHANGE: "Keep with a change", RETIRE: "Retire"}


def dataset_review_problems(decision: str, principles: list[str], reason: str, note: str) -> dict[str, str]:
    """What is wrong with a dataset review decision, by field (empty when it can be recorded).

    Every decision has a reason; a change says what changes; an indicator kept or changed meets
    at least one of the six principles (one that meets none is retired)."""
    problems = {}
    if decision not in DECISION_LABELS:
        problems["decision"] = "Choose keep, change or retire."
    unknown = [p for p in principles if p not in PRINCIPLES]
    if unknown:
        problems["principles"] = "Choose only from the six principles."
    elif decision in (KEEP, CHANGE) and not principles:
        problems["principles"] = (
            "An indicator kept in the dataset must meet at least one of the six principles; "
            "tick the ones it meets, or retire it."
        )
    if not (reason or "").strip():
        problems["reason"] = "Give the reason for PAQA's decision."
    if decision == CHANGE and not (note or "").strip():
        problems["note"] = "Say what changes in next year's scorecard."
    return problems


def retired_in_year(decisions_by_year: dict[str, str], year: str) -> bool:
    """Whether an indicator is out of `year`'s scorecard: the latest review before that year
    (reviews are labelled by financial year, "2025-26") decided to retire it."""
    earlier = sorted(y for y in decisions_by_year if y < year)
    return bool(earlier) and decisions_by_year[earlier[-1]] == RETIRE
