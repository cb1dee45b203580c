"""Process audits: a process judged against a standard (scope, method, findings,
recommendations) and the SMART actions that follow."""

from django.shortcuts import render

from actions.selectors import actions_for_source
from audits import access, process_services, rules
from audits.forms import ProcessAuditForm, ProcessFindingsForm, ProcessRecommendationsForm
from audits.models import ProcessAudit
from audits.pages import STALE, posted, save_or_form_page
from partnership.access import get_visible_or_404, refuse


def _audit_or_404(request, pk: int) -> ProcessAudit:
    return get_visible_or_404(ProcessAudit.objects.select_related("lead"), request.user, request, pk=pk)


def process_list(request):
    return render(
        request,
        "audits/process_list.html",
        {
            "audits": ProcessAudit.objects.for_user(request.user).select_related("lead")[:200],
            "can_add": access.is_quality_lead(request.user),
        },
    )


def process_create(request):
    if not access.is_quality_lead(request.user):
        refuse(request, "process audits are commissioned by PAQA and the business unit")
    form = ProcessAuditForm(posted(request))
    return save_or_form_page(
        request,
        form,
        lambda: process_services.process_audit_create(by=request.user, **form.cleaned_data),
        success_message="Process audit added.",
        title="Add a process audit",
        back="audits:process_list",
        submit="Add the audit",
        status=lambda: 400 if form.errors else 200,
    )


def process_detail(request, pk: int):
    audit = _audit_or_404(request, pk)
    can_run = access.can_run_process_audit(request.user, audit)
    return render(
        request,
        "audits/process_detail.html",
        {
            "audit": audit,
            "can_run": can_run,
            "findings_problem": rules.process_step_problem(audit.status, "findings"),
            "recommendations_problem": rules.process_step_problem(audit.status, "recommendations"),
            "actions_problem": rules.process_step_problem(audit.status, "actions"),
            "actions": actions_for_source(source=audit, user=request.user),
        },
    )


def _step_page(request, pk: int, *, form_class, field: str, service, title: str, done_message: str):
    audit = _audit_or_404(request, pk)
    if not access.can_run_process_audit(request.user, audit):
        refuse(request, "only quality leads and the audit lead record a process audit's steps")
    form = form_class(posted(request), initial={field: getattr(audit, field), "version": audit.version})
    return save_or_form_page(
        request,
        form,
        lambda: service(audit=audit, **form.cleaned_data),
        success_message=done_message,
        redirect_to=audit,
        stale_message=STALE,
        title=title,
        back=audit,
        submit="Save",
        status=lambda: 400 if form.errors else 200,
    )


def process_findings(request, pk: int):
    return _step_page(
        request,
        pk,
        form_class=ProcessFindingsForm,
        field="findings",
        service=process_services.process_audit_findings,
        title="Record the findings",
        done_message="Findings recorded.",
    )


def process_recommendations(request, pk: int):
    return _step_page(
        request,
        pk,
        form_class=ProcessRecommendationsForm,
        field="recommendations",
        service=process_services.process_audit_recommendations,
        title="Record the recommendations agreed",
        done_message="Recommendations recorded. Add the actions that follow below.",
    )
