"""The audits panel on a person's home page: what needs them now."""

from django.utils import timezone

from audits.access import is_quality_lead
from audits.models import AgencyAudit, Escalation, FollowUp
from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD, BOARD, BUSINESS_UNIT, has_role


def render(user):
    """(template, context) or None when nothing about audits needs this person."""
    today = timezone.localdate()
    items: dict = {}
    visible = AgencyAudit.objects.for_user(user)
    if has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR) and user.agency_id:
        own = visible.filter(agency_id=user.agency_id)
        items["to_report"] = list(
            own.filter(status__in=["planned", "in_progress"]).exclude(origin="own").order_by("due_date")[:5]
        )
        items["follow_ups"] = list(
            FollowUp.objects.filter(audit__in=own, submitted_on__isnull=True)
            .select_related("audit")
            .order_by("due_date")[:5]
        )
    if is_quality_lead(user):
        items["to_consider"] = list(
            visible.filter(status="reported").select_related("agency").order_by("reported_on")[:5]
        )
    if is_quality_lead(user) or has_role(user, BOARD, BUSINESS_UNIT):
        items["escalations"] = list(
            Escalation.objects.filter(audit__in=visible, resolved_on__isnull=True)
            .select_related("audit", "audit__agency")
            .order_by("escalated_on")[:5]
        )
    if not any(items.values()):
        return None
    return "audits/includes/home_panel.html", {**items, "today": today}
