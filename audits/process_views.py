"""Process audits: a process judged against a standard (scope, method, findings,
recommendations) and the SMART actions that follow."""

from django.shortcuts import render

from actions.selectors import actions_for_source
from audits import access, process_services, rules
from audits.form_pages import PROCESS_NEW
from audits.forms import ProcessFindingsForm, ProcessRecommendationsForm
from audits.models import ProcessAudit
from audits.pages import STALE, posted, save_or_form_page, serve
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
    return serve(request, PROCESS_NEW)


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


# A process audit's steps after its set-up: the form, the service, the page's title and what saving says.
STEP_PAGES = {
    "findings": (
        ProcessFindingsForm,
        process_services.process_audit_findings,
        "Record the findings",
        "Findings recorded.",
    ),
    "recommendations": (
        ProcessRecommendationsForm,
        process_services.process_audit_recommendations,
        "Record the recommendations agreed",
        "Recommendations recorded. Add the actions that follow below.",
    ),
}


def _step_page(request, pk: int, field: str):
    audit = _audit_or_404(request, pk)
    if not access.can_run_process_audit(request.user, audit):
        refuse(request, "only quality leads and the audit lead record a process audit's steps")
    form_class, service, title, done_message = STEP_PAGES[field]
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
    return _step_page(request, pk, "findings")


def process_recommendations(request, pk: int):
    return _step_page(request, pk, "recommendations")
