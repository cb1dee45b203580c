"""Single-agency audit pages and the programme: resolve access, parse a form, call one service, redirect."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from actions.selectors import actions_for_source
from audits import exports, forms, selectors, services
from audits.access import can_audit_cases, can_resolve_escalation, can_work_on, is_quality_lead, sees_all_audits
from audits.form_pages import (
    AUDIT_NEW,
    AUDIT_REQUEST,
    CONSIDER,
    ESCALATION,
    FINDING,
    FOLLOW_UP_REPORT,
    FOLLOW_UP_REQUEST,
    OUTCOME,
    PLAN,
    RECOMMENDATION,
    RESOLVE,
)
from audits.models import AgencyAudit, Escalation, FollowUp, Recommendation
from audits.pages import agency_audit_or_404, practice_audit_or_404, serve
from bscp_portal.lib import storage
from bscp_portal.lib.forms import act_through_service
from bscp_portal.lib.paging import render_paged
from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD, PAQA, has_role, refuse
from partnership.registry import registry


def _workable(request, pk: int) -> AgencyAudit:
    audit = agency_audit_or_404(request, pk)
    if not can_work_on(request.user, audit):
        refuse(request, f"may not work on audit {pk}")
    return audit


def _quality_lead_audit(request, pk: int) -> AgencyAudit:
    audit = agency_audit_or_404(request, pk)
    if not is_quality_lead(request.user):
        refuse(request, "PAQA only")
    return audit


def may_add_own(user) -> bool:
    return is_quality_lead(user) or (user.agency_id is not None and has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR))


# --- the programme ------------------------------------------------------------------------------


def index(request):
    """The audit programme: single-agency audits by agency and theme with status and overdue follow-ups."""
    audit_filter = selectors.agency_audit_filter(user=request.user, data=request.GET)
    return render_paged(
        request,
        "audits/index.html",
        audit_filter.qs,
        50,
        {
            "filter": audit_filter,
            "today": timezone.localdate(),
            "can_add": may_add_own(request.user),
            "can_request": is_quality_lead(request.user),
            "sees_overview": sees_all_audits(request.user),
            "practice_audits": selectors.practice_audit_list(user=request.user)[:10],
        },
    )


def export(request, fmt: str):
    """The filtered programme as CSV or XLSX (same access-checked queryset as the page)."""
    audit_filter = selectors.agency_audit_filter(user=request.user, data=request.GET)
    return exports.programme_response(request, audit_filter.qs, fmt=fmt)


def overview(request):
    """PAQA's overview: outstanding recommendations and escalations to the Partnership."""
    if not sees_all_audits(request.user):
        refuse(request, "overview is for PAQA, the business unit and the board")
    return render(
        request,
        "audits/overview.html",
        {
            "recommendations": selectors.outstanding_recommendations(user=request.user),
            "escalations": selectors.open_escalations(user=request.user),
            "overdue": selectors.agency_audit_filter(user=request.user, data={"overdue": "true"}).qs,
            "can_resolve": can_resolve_escalation(request.user),
        },
    )


# --- one single-agency audit --------------------------------------------------------------------


def agency_audit_create(request):
    """Add an audit to an agency's own programme."""
    if not may_add_own(request.user):
        refuse(request, "may not add audits")
    return serve(request, AUDIT_NEW, form_options={"user": request.user})


def agency_audit_request(request):
    """PAQA asks an agency to audit an area by a date; the agency is notified."""
    if not is_quality_lead(request.user):
        refuse(request, "PAQA only")
    return serve(request, AUDIT_REQUEST)


def agency_audit_detail(request, pk: int):
    audit = agency_audit_or_404(request, pk)
    user = request.user
    worker = can_work_on(user, audit)
    lead = is_quality_lead(user)
    findings = list(audit.findings.all())
    return render(
        request,
        "audits/agency_audit_detail.html",
        {
            "audit": audit,
            "findings": findings,
            "recommendations": audit.recommendations.all(),
            "follow_ups": audit.follow_ups.select_related("submitted_by"),
            "escalations": audit.escalations.select_related("escalated_by", "resolved_by", "finding"),
            "plan": actions_for_source(source=audit, user=user),
            "can_work": worker and audit.status != AgencyAudit.Status.CLOSED,
            "is_lead": lead and audit.status != AgencyAudit.Status.CLOSED,
            "can_resolve": can_resolve_escalation(user),
            "finding_form": forms.FindingForm(),
            "today": timezone.localdate(),
            # PAQA's questions on these findings (one query); PAQA may ask about a finding.
            "questions": registry.question_markers(user, "audit_finding", [f.figure_ref for f in findings]),
            "can_ask": has_role(user, PAQA),
        },
    )


def agency_audit_edit(request, pk: int):
    return serve(request, PLAN, _workable(request, pk), form_options={"user": request.user, "editing": True})


def agency_audit_start(request, pk: int):
    audit = _workable(request, pk)
    return act_through_service(
        request,
        lambda: services.agency_audit_start(audit=audit, by=request.user),
        success_message="The audit is now in progress.",
        redirect_to=audit,
    )


def finding_add(request, pk: int):
    return serve(request, FINDING, _workable(request, pk))


def outcome_submit(request, pk: int):
    return serve(request, OUTCOME, _workable(request, pk), files=request.FILES or None, multipart=True)


def report_download(request, pk: int):
    audit = agency_audit_or_404(request, pk)
    if not audit.report_file:
        raise Http404("No report attached")
    return storage.serve(
        audit.report_file,
        filename=audit.report_name or "audit-report",
        content_type=audit.report_type or "application/octet-stream",
    )


def recommendation_add(request, pk: int):
    return serve(request, RECOMMENDATION, _workable(request, pk))


def recommendation_implemented(request, pk: int):
    """Mark a recommendation implemented (POST); whoever may work on its audit."""
    rec = Recommendation.objects.select_related("agency_audit", "practice_audit").filter(pk=pk).first()
    if rec is None:
        raise Http404("No such recommendation")
    if rec.agency_audit_id:
        audit = agency_audit_or_404(request, rec.agency_audit_id)
        allowed = can_work_on(request.user, audit)
    else:
        audit = practice_audit_or_404(request, rec.practice_audit_id)
        allowed = can_audit_cases(request.user, audit)
    if not allowed:
        refuse(request, "may not change this recommendation")
    return act_through_service(
        request,
        lambda: services.recommendation_implemented(recommendation=rec, by=request.user),
        success_message="The recommendation is marked implemented.",
        redirect_to=audit,
    )


def consider(request, pk: int):
    return serve(request, CONSIDER, _quality_lead_audit(request, pk))


def follow_up_request(request, pk: int):
    return serve(request, FOLLOW_UP_REQUEST, _quality_lead_audit(request, pk))


def follow_up_submit(request, pk: int):
    follow_up = FollowUp.objects.filter(pk=pk).first()
    if follow_up is None:
        raise Http404("No such follow-up")
    audit = _workable(request, follow_up.audit_id)
    return serve(
        request, FOLLOW_UP_REPORT, follow_up, redirect_to=audit, back=audit, title=f"Follow-up report on {audit.title}"
    )


def escalate(request, pk: int):
    audit = _quality_lead_audit(request, pk)
    return serve(request, ESCALATION, audit, form_options={"audit": audit})


def escalation_resolve(request, pk: int):
    escalation = Escalation.objects.filter(pk=pk).first()
    if escalation is None:
        raise Http404("No such escalation")
    audit = agency_audit_or_404(request, escalation.audit_id)
    if not can_resolve_escalation(request.user):
        refuse(request, "only the Partnership resolves escalations")
    return serve(request, RESOLVE, escalation, redirect_to=audit, back=audit, intro=escalation.reason)


def close(request, pk: int):
    audit = _quality_lead_audit(request, pk)
    return act_through_service(
        request,
        lambda: services.agency_audit_close(audit=audit, by=request.user),
        success_message="The audit was closed.",
        redirect_to=audit,
    )
