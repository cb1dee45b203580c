"""The Section 11 panel on a person's home page: what needs them now."""

from django.urls import reverse
from django.utils import timezone

from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD, BUSINESS_UNIT, PAQA, has_role
from section11 import scoring, selectors
from section11.models import Participation, Return


def render(user):
    rnd = selectors.current_round()
    if rnd is None:
        return None
    days = scoring.days_to_deadline(today=timezone.localdate(), deadline=rnd.deadline)
    when = f"{days} days to the deadline" if days > 0 else ("due today" if days == 0 else f"overdue by {-days} days")
    lines = []
    if has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR) and user.agency_id:
        own = selectors.return_for_agency(user=user, round=rnd)
        if own is not None and own.is_editable:
            label = "returned for revision" if own.status == Return.Status.RETURNED else "in draft"
            lines.append(
                {"text": f"Your agency's return for {rnd} is {label} ({when}).", "url": own.get_absolute_url()}
            )
        elif own is None and Participation.objects.filter(round=rnd, agency_id=user.agency_id).exists():
            lines.append(
                {
                    "text": f"Your agency's return for {rnd} has not been started ({when}).",
                    "url": rnd.get_absolute_url(),
                }
            )
    if has_role(user, PAQA, BUSINESS_UNIT):
        waiting = Return.objects.filter(round=rnd, status=Return.Status.SUBMITTED).count()
        if waiting:
            lines.append(
                {
                    "text": f"{waiting} Section 11 return{'s' if waiting != 1 else ''} submitted and awaiting review.",
                    "url": reverse("section11:progress"),
                }
            )
    if not lines:
        return None
    return ("section11/includes/home_panel.html", {"lines": lines})
