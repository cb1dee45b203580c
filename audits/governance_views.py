"""The governance steps of a multi-agency audit: one form page per step, and PAQA's view of
which audits wait on which step."""

from django.http import Http404
from django.shortcuts import render

from audits import governance_rules as gr
from audits import selectors
from audits.access import can_audit_cases, can_resolve_escalation, sees_all_audits
from audits.form_pages import DISSEMINATION, STEP_PAGES, TEAM_MEMBER
from audits.pages import practice_audit_or_404, serve
from partnership.access import refuse


def may_record(user, audit, step: str) -> bool:
    """The Partnership's agreement is recorded by its board members, the business unit or the PAQA
    chair; the other steps by the audit team and PAQA."""
    if step == gr.RECOMMENDATIONS:
        return can_resolve_escalation(user)
    return can_audit_cases(user, audit)


def step_record(request, pk: int, step: str):
    audit = practice_audit_or_404(request, pk)
    if step not in STEP_PAGES:
        raise Http404("No such step")
    if not may_record(request.user, audit, step):
        refuse(request, f"may not record the step {step} of practice audit {pk}")
    return serve(request, STEP_PAGES[step], audit)


def team_member_add(request, pk: int):
    audit = practice_audit_or_404(request, pk)
    if not may_record(request.user, audit, gr.TEAM):
        refuse(request, f"may not add to the team of practice audit {pk}")
    return serve(request, TEAM_MEMBER, audit)


def dissemination_add(request, pk: int):
    audit = practice_audit_or_404(request, pk)
    if not may_record(request.user, audit, gr.DISSEMINATION):
        refuse(request, f"may not record dissemination for practice audit {pk}")
    return serve(request, DISSEMINATION, audit)


def governance_overview(request):
    """PAQA's view: which multi-agency audits wait on which governance step, and for how long."""
    if not sees_all_audits(request.user):
        refuse(request, "the governance overview is for PAQA, the business unit and the board")
    return render(
        request,
        "audits/governance_overview.html",
        {"rows": selectors.governance_progress(user=request.user), "steps": gr.STEPS},
    )
