"""Pure rules for audits (no Django imports): status workflow, scales and due dates."""

import datetime as dt

MET, PARTLY, NOT_MET, NA = "met", "partly", "not_met", "na"
#: The answer scale for each criterion, in order.
ANSWERS = (MET, PARTLY, NOT_MET, NA)
#: The grade scale for a case, best first.
CASE_GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
#: The grade scale for a single-agency audit finding.
FINDING_GRADES = ("good_practice", "improvement", "shortfall")

#: Single-agency audit status workflow: where each status may go next.
NEXT_STATUS = {
    "planned": ("in_progress",),
    "in_progress": ("reported",),
    "reported": ("action_plan_agreed",),
    "action_plan_agreed": ("follow_up_due", "closed"),
    "follow_up_due": ("closed",),
    "closed": (),
}
DUE_SOON_DAYS = 14


def can_move(current: str, new: str) -> bool:
    """A status may move only to the next one(s) of the workflow."""
    return new in NEXT_STATUS.get(current, ())


def report_overdue(due_date: dt.date | None, status: str, today: dt.date) -> bool:
    """A requested report is overdue once its due date has passed and it is still not reported
    (due today is not yet overdue; no due date is never overdue)."""
    return due_date is not None and status in ("planned", "in_progress") and due_date < today


def follow_up_reminder_kind(due_date: dt.date, submitted: bool, today: dt.date) -> str | None:
    """'overdue' after the due date, 'due_soon' from 14 days before it up to the day itself,
    None once submitted or when further off."""
    if submitted:
        return None
    if due_date < today:
        return "overdue"
    if (due_date - today).days <= DUE_SOON_DAYS:
        return "due_soon"
    return None


# --- process audits ------------------------------------------------------------------------------

PROCESS_PLANNED, PROCESS_FINDINGS, PROCESS_RECOMMENDATIONS = "planned", "findings", "recommendations"


def process_step_problem(status: str, step: str) -> str | None:
    """Why a process audit cannot take this step now: findings follow the plan (and may be
    corrected until recommendations are agreed); recommendations follow findings and are agreed
    once; actions follow agreed recommendations."""
    if step == "findings" and status == PROCESS_RECOMMENDATIONS:
        return "The recommendations have been agreed, so the findings they rest on can no longer change."
    if step == "recommendations" and status == PROCESS_PLANNED:
        return "Record the findings before the recommendations."
    if step == "recommendations" and status == PROCESS_RECOMMENDATIONS:
        return "The recommendations have already been agreed."
    if step == "actions" and status != PROCESS_RECOMMENDATIONS:
        return "Agree the recommendations before adding actions."
    return None
