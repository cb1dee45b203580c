"""A Section 11 return's steps, shared by the services that move it: who may edit it, who
reviews it, and the dated event each step leaves on it."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD, BUSINESS_UNIT, PAQA, has_role
from section11.models import Return, ReturnEvent


def can_edit_return(user, submission: Return) -> bool:
    """Agency leads and contributors of the return's agency, while it is a draft or returned."""
    return (
        has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR)
        and user.agency_id == submission.agency_id
        and submission.is_editable
    )


def record_event(submission: Return, kind: str, by, note: str = "", at=None) -> ReturnEvent:
    return ReturnEvent.objects.create(submission=submission, kind=kind, by=by, at=at or timezone.now(), note=note)


def check_reviewer(by) -> None:
    if not has_role(by, PAQA, BUSINESS_UNIT):
        raise ValidationError("Only PAQA members and the business unit review returns.")


def move_return(submission: Return, status: str, kind: str, by, note: str = "") -> Return:
    """The return moves on to `status` (a new version) and the step is logged as `kind`."""
    submission.status = status
    submission.version += 1
    submission.save()
    record_event(submission, kind, by, note)
    return submission
