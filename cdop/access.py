"""Who may do what with child death records, beyond `is_cdop_member` in partnership.access."""

from django.http import Http404

from partnership.access import chairs_subcommittee, is_business_unit, is_cdop_member
from partnership.security import log_event

PANEL_CODE = "cdop"


def is_panel_chair(user) -> bool:
    """A CDOP panel member who chairs the CDOP sub-committee (membership with is_chair)."""
    return is_cdop_member(user) and chairs_subcommittee(user, PANEL_CODE)


def can_read_access_log(user) -> bool:
    """The CDOP access log is for the business unit and the panel chair."""
    return is_business_unit(user) or is_panel_chair(user)


def require_member(request, what: str) -> None:
    """404 (with a refusal in the security log) for anyone who is not a panel member: case
    URLs must not even confirm that a case exists."""
    if not is_cdop_member(request.user):
        log_event(request, "refused", detail=f"404 on CDOP {what} for a non-member")
        raise Http404("No such record")
