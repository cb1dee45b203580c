"""Themes of learning on audits: set by those who work on the audit, counted for PAQA."""

from audits.access import can_audit_cases, can_work_on, is_quality_lead
from audits.models import AgencyAudit, PracticeAudit
from partnership.access import get_visible_or_404, refuse
from partnership.themes import themes_page


def agency_audit_themes(request, pk: int):
    audit = get_visible_or_404(AgencyAudit.objects.all(), request.user, request, pk=pk)
    if not can_work_on(request.user, audit):
        refuse(request, f"may not change the themes of audit {pk}")
    return themes_page(request, record=audit, back=audit, title=f"Themes of the audit: {audit.title}")


def practice_audit_themes(request, pk: int):
    audit = get_visible_or_404(PracticeAudit.objects.all(), request.user, request, pk=pk)
    if not (is_quality_lead(request.user) or can_audit_cases(request.user, audit)):
        refuse(request, f"may not change the themes of practice audit {pk}")
    return themes_page(request, record=audit, back=audit, title=f"Themes of the audit: {audit.title}")
