"""Pure rules for reviews: no Django imports, unit-tested without a database."""

import datetime as dt

#: Case review dates in the order they must happen: (field, label, must not be before field).
CASE_DATE_ORDER = (
    ("notified_on", "The national panel notification", "became_aware_on", "the date the partnership became aware"),
    ("rapid_review_on", "The rapid review", "notified_on", "the notification"),
    ("rapid_review_on", "The rapid review", "became_aware_on", "the date the partnership became aware"),
    ("decided_on", "The decision", "notified_on", "the notification"),
    ("decided_on", "The decision", "became_aware_on", "the date the partnership became aware"),
    ("started_on", "The review", "became_aware_on", "the date the partnership became aware"),
    ("completed_on", "Completion", "started_on", "the start of the review"),
    ("completed_on", "Completion", "became_aware_on", "the date the partnership became aware"),
    ("published_on", "Publication", "completed_on", "completion"),
)

THEMED_DATE_ORDER = (
    ("started_on", "The start", "agreed_on", "the date it was agreed"),
    ("completed_on", "Completion", "started_on", "the start"),
    ("completed_on", "Completion", "agreed_on", "the date it was agreed"),
)

INSPECTION_DATE_ORDER = (
    ("inspected_to", "The last day of the inspection", "inspected_from", "its first day"),
    ("published_on", "The report", "inspected_to", "the last day of the inspection"),
    ("published_on", "The report", "inspected_from", "the first day of the inspection"),
)


def date_order_problems(dates: dict[str, dt.date | None], order=CASE_DATE_ORDER) -> dict[str, str]:
    """Dates out of order, as {field: message}: a later step may fall on the same day as the
    step before it, never before it. Missing dates are not compared."""
    problems: dict[str, str] = {}
    for field, label, before, before_label in order:
        later, earlier = dates.get(field), dates.get(before)
        if later is None or earlier is None or field in problems:
            continue
        if later < earlier:
            problems[field] = f"{label} cannot be before {before_label} ({earlier:%d/%m/%Y})."
    return problems


def publication_problems(*, published_on: dt.date | None, completed_on: dt.date | None, reason: str) -> dict:
    """A review is published only once completed; a reason not to publish excludes a date."""
    problems = {}
    if published_on and not completed_on:
        problems["published_on"] = "A review can be published only once it is completed: give the completion date."
    if published_on and (reason or "").strip():
        problems["not_published_reason"] = "Give a publication date or a reason for not publishing, not both."
    return problems


def close_problem(action_statuses: list[str]) -> str | None:
    """Why a recommendation cannot be closed, or None.

    It closes only when it has at least one action, none is still open, and at least one was
    signed off as complete with evidence (withdrawn actions do not count as done).
    """
    if not action_statuses:
        return "A recommendation can be closed only when it has been turned into at least one action."
    open_count = sum(1 for s in action_statuses if s in ("not_started", "in_progress"))
    if open_count:
        return f"{open_count} of its actions {'is' if open_count == 1 else 'are'} still open: sign them off with evidence first."
    if "complete" not in action_statuses:
        return "None of its actions was signed off with evidence of its outcome."
    return None


#: A case review's statuses in the order a review moves through them.
CASE_STATUS_ORDER = ("notified", "rapid_review", "in_progress", "completed", "published", "closed")
CASE_STATUS_LABELS = {
    "notified": "notified",
    "rapid_review": "rapid review",
    "in_progress": "review in progress",
    "completed": "completed",
    "published": "published",
    "closed": "closed",
}
#: Statuses a review reaches only once the review itself has been under way.
_AFTER_REVIEW = ("completed", "published")


def status_problems(
    *,
    old: str | None,
    new: str,
    notified_on: dt.date | None = None,
    completed_on: dt.date | None = None,
    published_on: dt.date | None = None,
    not_published_reason: str = "",
    decision: str = "",
) -> dict[str, str]:
    """Why a case review may not have status `new` (coming from `old`; None when it is first
    recorded), as {field: message}; empty when the status follows the review's dates.

    A status needs the date that marks it: a rapid review follows the notification, "completed"
    needs the completion date and "published" the publication date. A review closes once it is
    published, once a reason for not publishing it is given, or after a decision that no further
    review is needed. A review only notified, or at rapid review, must be under way before it
    can be completed or published: those steps cannot be skipped.
    """
    label = CASE_STATUS_LABELS.get(new, new)
    skipping = new in _AFTER_REVIEW or (new == "closed" and decision != "no_further")
    if old in ("notified", "rapid_review") and skipping:
        return {
            "status": f"A review cannot go from {CASE_STATUS_LABELS[old]} straight to {label}: "
            "mark it as a review in progress first."
        }
    if new == "rapid_review" and notified_on is None:
        return {
            "notified_on": "A rapid review follows the notification: give the date the national panel was notified."
        }
    if new in ("completed", "published") and completed_on is None:
        return {"completed_on": f"A review can be marked {label} only with its completion date: give it first."}
    if new == "published" and published_on is None:
        return {"published_on": "A review can be marked published only with its publication date: give it first."}
    if new == "closed" and decision != "no_further":
        if completed_on is None:
            return {
                "status": "A review can be closed only once it is completed (give the completion date), "
                "or after a decision that no further review is needed."
            }
        if published_on is None and not (not_published_reason or "").strip():
            return {
                "not_published_reason": "Before closing a completed review, give its publication date "
                "or the reason it is not published."
            }
    return {}


def inspection_problems(*, judgement: str, published_on: dt.date | None, findings: str) -> dict[str, str]:
    """An inspection whose report is published has its judgement and findings; one whose report
    is awaited has no publication date."""
    problems = {}
    if published_on and judgement == "awaited":
        problems["judgement"] = "The report is published: record its judgement (or that it gives no overall grade)."
    if published_on and not (findings or "").strip():
        problems["findings"] = "The report is published: summarise what the inspectors found."
    return problems
