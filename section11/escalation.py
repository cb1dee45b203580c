"""Section 11 escalation: pure rules, no Django imports.

An escalation opens when a standard is agreed "not met" at challenge, or when a return is not
submitted by the deadline plus 10 working days. The agency's lead gets a letter with a date for
its response (20 working days later). If the matter is not resolved by then, it goes to PAQA's
board and, if still unresolved, to the Partnership. Every step is dated. Working days are those
of England and Wales (`bscp_portal.lib.workdays`).
"""

import datetime as dt

from bscp_portal.lib.workdays import add_working_days

LATE_RETURN_WORKING_DAYS = 10
RESPONSE_WORKING_DAYS = 20

NOT_MET = "not_met"
LATE_RETURN = "late_return"

OPENED = "opened"
LETTER_SENT = "letter_sent"
PAQA_BOARD = "paqa_board"
PARTNERSHIP = "partnership"
RESOLVED = "resolved"

STAGE_LABELS = {
    OPENED: "Opened",
    LETTER_SENT: "Letter sent to the agency's lead",
    PAQA_BOARD: "Referred to PAQA's board",
    PARTNERSHIP: "Referred to the Partnership",
    RESOLVED: "Resolved",
}
#: Where each stage may go next.
NEXT = {
    OPENED: (LETTER_SENT, RESOLVED),
    LETTER_SENT: (PAQA_BOARD, RESOLVED),
    PAQA_BOARD: (PARTNERSHIP, RESOLVED),
    PARTNERSHIP: (RESOLVED,),
    RESOLVED: (),
}


def late_return_escalates_after(deadline: dt.date) -> dt.date:
    """The last day a late return may still arrive before it is escalated: deadline + 10 working days."""
    return add_working_days(deadline, LATE_RETURN_WORKING_DAYS)


def late_return_due(*, deadline: dt.date, today: dt.date, submitted: bool) -> bool:
    """A return not submitted by the deadline plus 10 working days is escalated (from the day after)."""
    return not submitted and today > late_return_escalates_after(deadline)


def response_due(letter_sent_on: dt.date) -> dt.date:
    """The agency's response is due 20 working days after the letter."""
    return add_working_days(letter_sent_on, RESPONSE_WORKING_DAYS)


def step_problem(*, stage: str, to: str, today: dt.date, due: dt.date | None, note: str = "") -> str:
    """Why the escalation cannot move from `stage` to `to` today, or "" if it can.

    Order is fixed (letter, PAQA's board, the Partnership); any open stage may be resolved with a
    note saying how. PAQA's board takes an item only once the agency's response is overdue.
    """
    if to not in NEXT.get(stage, ()):
        allowed = " or ".join(STAGE_LABELS[s].lower() for s in NEXT.get(stage, ())) or "nothing: it is closed"
        return f'From "{STAGE_LABELS.get(stage, stage).lower()}" the next step is {allowed}.'
    if to == RESOLVED and not note.strip():
        return "Say how the matter was resolved."
    if to == PAQA_BOARD and due is not None and today <= due:
        return f"The agency has until {due:%-d %B %Y} to respond: refer it to PAQA's board after that."
    return ""


def overdue(*, stage: str, today: dt.date, due: dt.date | None) -> bool:
    """A letter whose response date has passed with the matter unresolved."""
    return stage == LETTER_SENT and due is not None and today > due
