"""Who may do what in partnership performance; built on partnership.access (the one place
roles are read). Reads are resolved by each model's `for_user`; these are the write rules."""

from partnership.access import (
    AGENCY_CONTRIBUTOR,
    AGENCY_LEAD,
    BOARD,
    BUSINESS_UNIT,
    CHAIR,
    PAQA,
    SAFEGUARDING_MANAGER,
    chaired,
    has_role,
    sees_all_agencies,
)


def chairs(user, subcommittee_id: int) -> bool:
    """The user chairs this sub-committee (memberships read once per request)."""
    return has_role(user, CHAIR) and any(pk == subcommittee_id for pk, _ in chaired(user))


def can_rate_objective(user, objective) -> bool:
    """The chair of the owning sub-committee sets the objective's rating; the business unit may too."""
    return has_role(user, BUSINESS_UNIT) or chairs(user, objective.subcommittee_id)


def can_report_for(user, subcommittee_id: int) -> bool:
    return has_role(user, BUSINESS_UNIT) or chairs(user, subcommittee_id)


def can_report_budget_for(user, agency) -> bool:
    """Agency leads and contributors report their own agency's pressures; the business unit any."""
    if has_role(user, BUSINESS_UNIT):
        return True
    return has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR) and user.agency_id == agency.pk


def sees_agency_detail(user) -> bool:
    """Whole-partnership tables by agency: PAQA, business unit, board and chairs."""
    return sees_all_agencies(user) or has_role(user, CHAIR)


def can_request_reports(user) -> bool:
    """The Partnership asks for reports: its board members and the business unit for them."""
    return has_role(user, BOARD, BUSINESS_UNIT)


def can_decide_reports(user) -> bool:
    return has_role(user, PAQA)


def can_submit_reports(user) -> bool:
    """May upload a report file for PAQA. CDOP panel members are left out on purpose: their
    annual summary goes to PAQA only as the suppressed version built by the CDOP strand."""
    return has_role(user, BUSINESS_UNIT, PAQA, CHAIR, AGENCY_LEAD, BOARD, SAFEGUARDING_MANAGER)


def reads_feedback(user) -> bool:
    return has_role(user, BUSINESS_UNIT, PAQA, BOARD, CHAIR)


def can_enter_workforce(user) -> bool:
    """Agency leads enter their own agency's workforce return; the business unit any agency's."""
    if has_role(user, BUSINESS_UNIT):
        return True
    return has_role(user, AGENCY_LEAD) and user.agency_id is not None


def can_record_chairs_meeting(user) -> bool:
    """The business unit (who minutes it) and sub-committee chairs record the chair's meetings."""
    return has_role(user, BUSINESS_UNIT, CHAIR)
