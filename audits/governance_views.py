"""The governance steps of a multi-agency audit: one form page per step, and PAQA's view of
which audits wait on which step."""

from django.http import Http404
from django.shortcuts import render

from audits import forms, governance_services, selectors
from audits import governance_rules as gr
from audits.access import can_audit_cases, can_resolve_escalation, sees_all_audits
from audits.pages import posted, practice_audit_or_404, save_or_form_page
from partnership.access import refuse

# step: (form, service, how the form's data reaches the service, success message, intro)
STEP_PAGES = {
    gr.METHODOLOGY: (
        forms.MethodologyAgreedForm,
        governance_services.methodology_agree,
        "The methodology's agreement was recorded.",
        "Who agreed the audit's methodology (as written on the audit), and when.",
    ),
    gr.TEAM: (
        forms.StepDateForm,
        governance_services.team_confirm,
        "The audit team was confirmed.",
        "Confirm the team listed on the audit: at least one member must bring expertise from outside PAQA.",
    ),
    gr.FINDINGS: (
        forms.MeetingStepForm,
        governance_services.findings_present,
        "The presentation of the findings to PAQA was recorded.",
        "The PAQA meeting the audit's findings were presented to, and its date.",
    ),
    gr.RECOMMENDATIONS: (
        forms.MeetingStepForm,
        governance_services.recommendations_agree,
        "The Partnership's agreement was recorded: the action plan can now start.",
        "The Partnership meeting that agreed the audit's recommendations, and its date. "
        "The action plan starts only after this.",
    ),
}


def may_record(user, audit, step: str) -> bool:
    """The Partnership's agreement is recorded by its board members, the business unit or the PAQA
    chair; the other steps by the audit team and PAQA."""
    if step == gr.RECOMMENDATIONS:
        return can_resolve_escalation(user)
    return can_audit_cases(user, audit)


def _governance_form(request, audit, form, save, **page):
    """A governance step's form: saved, back to the audit's governance section; refused, shown
    again with 400."""
    return save_or_form_page(
        request,
        form,
        save,
        redirect_to=f"{audit.get_absolute_url()}#governance",
        back=audit,
        status=lambda: 400 if form.errors else 200,
        **page,
    )


def step_record(request, pk: int, step: str):
    audit = practice_audit_or_404(request, pk)
    if step not in STEP_PAGES:
        raise Http404("No such step")
    if not may_record(request.user, audit, step):
        refuse(request, f"may not record the step {step} of practice audit {pk}")
    form_class, service, message, intro = STEP_PAGES[step]
    form = form_class(posted(request))
    return _governance_form(
        request,
        audit,
        form,
        lambda: service(audit=audit, by=request.user, **form.cleaned_data),
        success_message=message,
        title=f"{gr.STEP_LABELS[step]}: {audit.title}",
        submit="Record",
        intro=intro,
    )


def team_member_add(request, pk: int):
    audit = practice_audit_or_404(request, pk)
    if not may_record(request.user, audit, gr.TEAM):
        refuse(request, f"may not add to the team of practice audit {pk}")
    form = forms.TeamMemberForm(posted(request))
    return _governance_form(
        request,
        audit,
        form,
        lambda: governance_services.team_member_add(audit=audit, by=request.user, **form.cleaned_data),
        success_message=lambda m: f"{m.name} was added to the audit team.",
        title=f"Add a member to the audit team: {audit.title}",
        submit="Add member",
    )


def dissemination_add(request, pk: int):
    audit = practice_audit_or_404(request, pk)
    if not may_record(request.user, audit, gr.DISSEMINATION):
        refuse(request, f"may not record dissemination for practice audit {pk}")
    form = forms.DisseminationForm(posted(request))
    return _governance_form(
        request,
        audit,
        form,
        lambda: governance_services.dissemination_record(audit=audit, by=request.user, **form.cleaned_data),
        success_message="The dissemination was recorded.",
        title=f"Record dissemination: {audit.title}",
        submit="Record",
        intro="Good practice is shared as readily as shortfalls: record each, with what, to whom, when and how.",
    )


def governance_overview(request):
    """PAQA's view: which multi-agency audits wait on which governance step, and for how long."""
    if not sees_all_audits(request.user):
        refuse(request, "the governance overview is for PAQA, the business unit and the board")
    return render(
        request,
        "audits/governance_overview.html",
        {"rows": selectors.governance_progress(user=request.user), "steps": gr.STEPS},
    )
