"""Single-agency audit pages and the programme: resolve access, parse a form, call one service, redirect."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from actions.selectors import actions_for_source
from audits import exports, forms, selectors, services
from audits.access import can_audit_cases, can_resolve_escalation, can_work_on, is_quality_lead, sees_all_audits
from audits.models import AgencyAudit, Escalation, FollowUp, Recommendation
from audits.pages import agency_audit_or_404, posted, practice_audit_or_404, save_or_form_page
from bscp_portal.lib import storage
from bscp_portal.lib.forms import act_through_service
from bscp_portal.lib.paging import paged
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
    page, query = paged(request, audit_filter.qs, 50)
    return render(
        request,
        "audits/index.html",
        {
            "filter": audit_filter,
            "page": page,
            "query": query,
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
    form = forms.AgencyAuditForm(posted(request), user=request.user)

    def save():
        data = form.cleaned_data
        return services.agency_audit_create(
            by=request.user,
            agency=data["agency"],
            title=data["title"],
            kind=data["kind"],
            theme=data["theme"],
            scope=data["scope"],
            start_date=data["start_date"],
            due_date=data["due_date"],
            independent=data["independent"],
            auditing_agency=data["auditing_agency"],
            auditor_name=data["auditor_name"],
        )

    return save_or_form_page(
        request,
        form,
        save,
        success_message="The audit was added to the programme.",
        title="Add an audit to the programme",
        back="audits:index",
        submit="Add audit",
    )


def agency_audit_request(request):
    """PAQA asks an agency to audit an area by a date; the agency is notified."""
    if not is_quality_lead(request.user):
        refuse(request, "PAQA only")
    form = forms.AuditRequestForm(posted(request))

    def save():
        data = form.cleaned_data
        return services.agency_audit_request(by=request.user, **data)

    return save_or_form_page(
        request,
        form,
        save,
        success_message=lambda audit: f"The audit was requested; {audit.agency} has been told.",
        title="Request an audit",
        back="audits:index",
        submit="Send request",
        intro="The audit appears in the agency's programme with its scope and due date, and the agency's leads are e-mailed.",
    )


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
    audit = _workable(request, pk)
    initial = {
        f: getattr(audit, f)
        for f in ("title", "kind", "theme", "scope", "start_date", "due_date", "independent", "auditor_name")
    }
    initial.update(auditing_agency=audit.auditing_agency_id, version=audit.version)
    form = forms.AgencyAuditForm(posted(request), user=request.user, editing=True, initial=initial)

    def save():
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        if not data.get("kind"):
            data.pop("kind", None)
        return services.agency_audit_update(audit=audit, by=request.user, version=version, **data)

    return save_or_form_page(
        request,
        form,
        save,
        success_message="The audit plan was saved.",
        redirect_to=audit,
        title=f"Edit the plan of {audit.title}",
        back=audit,
        submit="Save",
    )


def agency_audit_start(request, pk: int):
    audit = _workable(request, pk)
    return act_through_service(
        request,
        lambda: services.agency_audit_start(audit=audit, by=request.user),
        success_message="The audit is now in progress.",
        redirect_to=audit,
    )


def finding_add(request, pk: int):
    audit = _workable(request, pk)
    form = forms.FindingForm(posted(request))
    return save_or_form_page(
        request,
        form,
        lambda: services.finding_add(audit=audit, by=request.user, **form.cleaned_data),
        success_message="The finding was added.",
        redirect_to=f"{audit.get_absolute_url()}#findings",
        title=f"Add a finding to {audit.title}",
        back=audit,
        submit="Add finding",
    )


def outcome_submit(request, pk: int):
    audit = _workable(request, pk)
    form = forms.OutcomeForm(posted(request), request.FILES or None, initial={"summary": audit.summary})
    return save_or_form_page(
        request,
        form,
        lambda: services.outcome_submit(
            audit=audit, by=request.user, summary=form.cleaned_data["summary"], report=form.cleaned_data["report"]
        ),
        success_message="The outcome was submitted to PAQA.",
        redirect_to=audit,
        title=f"Submit the outcome of {audit.title}",
        back=audit,
        submit="Submit outcome to PAQA",
        intro="Add graded findings and recommendations first; the action plan is added from the audit page.",
        multipart=True,
    )


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
    audit = _workable(request, pk)
    form = forms.RecommendationForm(posted(request))
    return save_or_form_page(
        request,
        form,
        lambda: services.recommendation_add(by=request.user, text=form.cleaned_data["text"], agency_audit=audit),
        success_message="The recommendation was added.",
        redirect_to=f"{audit.get_absolute_url()}#recommendations",
        title=f"Add a recommendation to {audit.title}",
        back=audit,
        submit="Add",
    )


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
    audit = _quality_lead_audit(request, pk)
    form = forms.ConsiderForm(posted(request), initial={"consideration": audit.paqa_consideration})
    return save_or_form_page(
        request,
        form,
        lambda: services.audit_consider(audit=audit, by=request.user, **form.cleaned_data),
        success_message="PAQA's consideration was recorded.",
        redirect_to=audit,
        title=f"PAQA consideration of {audit.title}",
        back=audit,
        submit="Record",
    )


def follow_up_request(request, pk: int):
    audit = _quality_lead_audit(request, pk)
    form = forms.FollowUpRequestForm(posted(request))
    return save_or_form_page(
        request,
        form,
        lambda: services.follow_up_request(audit=audit, by=request.user, due_date=form.cleaned_data["due_date"]),
        success_message="The follow-up report was requested.",
        redirect_to=audit,
        title=f"Request a follow-up report on {audit.title}",
        back=audit,
        submit="Request follow-up",
    )


def follow_up_submit(request, pk: int):
    follow_up = FollowUp.objects.filter(pk=pk).first()
    if follow_up is None:
        raise Http404("No such follow-up")
    audit = _workable(request, follow_up.audit_id)
    form = forms.FollowUpSubmitForm(posted(request))
    return save_or_form_page(
        request,
        form,
        lambda: services.follow_up_submit(follow_up=follow_up, by=request.user, evidence=form.cleaned_data["evidence"]),
        success_message="The follow-up report was submitted.",
        redirect_to=audit,
        title=f"Follow-up report on {audit.title}",
        back=audit,
        submit="Submit",
        intro=f"Due {follow_up.due_date:%d %B %Y}.",
    )


def escalate(request, pk: int):
    audit = _quality_lead_audit(request, pk)
    form = forms.EscalationForm(posted(request), audit=audit)
    return save_or_form_page(
        request,
        form,
        lambda: services.escalation_create(audit=audit, by=request.user, **form.cleaned_data),
        success_message="The concern was escalated to the Partnership.",
        redirect_to=audit,
        title=f"Escalate a concern from {audit.title}",
        back=audit,
        submit="Escalate to the Partnership",
        intro="The escalation shows on the Partnership's dashboard until it is resolved.",
    )


def escalation_resolve(request, pk: int):
    escalation = Escalation.objects.filter(pk=pk).first()
    if escalation is None:
        raise Http404("No such escalation")
    audit = agency_audit_or_404(request, escalation.audit_id)
    if not can_resolve_escalation(request.user):
        refuse(request, "only the Partnership resolves escalations")
    form = forms.ResolveForm(posted(request))
    return save_or_form_page(
        request,
        form,
        lambda: services.escalation_resolve(escalation=escalation, by=request.user, **form.cleaned_data),
        success_message="The escalation was resolved.",
        redirect_to=audit,
        title="Resolve an escalation",
        back=audit,
        submit="Resolve",
        intro=escalation.reason,
    )


def close(request, pk: int):
    audit = _quality_lead_audit(request, pk)
    return act_through_service(
        request,
        lambda: services.agency_audit_close(audit=audit, by=request.user),
        success_message="The audit was closed.",
        redirect_to=audit,
    )
