"""Who may write what in reviews. Seeing a record is `for_user`; these decide the writes
(a visible record and a refused write answers 403)."""

from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD, PAQA, SAFEGUARDING_MANAGER, has_role
from reviews.models import can_manage_reviews

__all__ = ["can_manage_reviews", "can_record_feedback"]


def can_record_feedback(user) -> bool:
    """Practitioner feedback is gathered by the agencies as well as by the review team."""
    return can_manage_reviews(user) or has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR, SAFEGUARDING_MANAGER, PAQA)
