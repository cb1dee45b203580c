"""Who may do what with audits, built on partnership.access (the one place roles are read)."""

from partnership.access import (
    AGENCY_CONTRIBUTOR,
    AGENCY_LEAD,
    BUSINESS_UNIT,
    CHAIR,
    PAQA,
    chairs_subcommittee,
    has_role,
    sees_all_agencies,
)

PAQA_CODE = "paqa"


def is_paqa_chair(user) -> bool:
    """Chairs the PAQA sub-committee (read once per request, cached on the user)."""
    return has_role(user, CHAIR) and chairs_subcommittee(user, PAQA_CODE)


def is_quality_lead(user) -> bool:
    """PAQA members, the business unit and the PAQA chair: commission, consider and escalate audits."""
    return has_role(user, PAQA, BUSINESS_UNIT) or is_paqa_chair(user)


def sees_all_audits(user) -> bool:
    return sees_all_agencies(user) or is_quality_lead(user)


def can_work_on(user, audit) -> bool:
    """The audited agency's staff, an independent auditing agency's staff, or a quality lead."""
    if is_quality_lead(user):
        return True
    if user.agency_id is None or not has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR):
        return False
    return user.agency_id in (audit.agency_id, audit.auditing_agency_id)


def can_audit_cases(user, audit) -> bool:
    """Records answers on a practice audit: quality leads, the audit lead and the audit team."""
    if is_quality_lead(user) or audit.lead_id == user.pk:
        return True
    return audit.team.filter(pk=user.pk).exists()


def can_resolve_escalation(user) -> bool:
    """The Partnership resolves what PAQA escalates: its board members, the business unit, the PAQA chair."""
    return has_role(user, "board", BUSINESS_UNIT) or is_paqa_chair(user)


def can_run_process_audit(user, audit) -> bool:
    """Records a process audit's findings and recommendations: quality leads and the audit lead."""
    return is_quality_lead(user) or (audit.lead_id is not None and audit.lead_id == user.pk)
