"""The audits' single-purpose form pages, described once: what each asks, which service saves it
(given the record and the person), and the page's words (see `bscp_portal.lib.form_pages`)."""

from audits import forms, governance_services, practice_services, process_services, services
from audits import governance_rules as gr
from bscp_portal.lib.form_pages import FormPage


def _audit_create(*, by, version=None, **fields):
    """The plan's form also carries the version an edit starts from; a new audit has none."""
    return services.agency_audit_create(by=by, **fields)


def _plan_update(*, audit, by, version, kind=None, **fields):
    """The plan's edit form: a form opened before versions counts as version 0; an empty kind keeps the audit's."""
    if kind:
        fields["kind"] = kind
    return services.agency_audit_update(audit=audit, by=by, version=version or 0, **fields)


# A single-agency audit.
AUDIT_NEW = FormPage(
    forms.AgencyAuditForm,
    _audit_create,
    None,
    "The audit was added to the programme.",
    {"title": "Add an audit to the programme", "back": "audits:index", "submit": "Add audit"},
)
AUDIT_REQUEST = FormPage(
    forms.AuditRequestForm,
    services.agency_audit_request,
    None,
    lambda audit: f"The audit was requested; {audit.agency} has been told.",
    {
        "title": "Request an audit",
        "back": "audits:index",
        "submit": "Send request",
        "intro": "The audit appears in the agency's programme with its scope and due date, "
        "and the agency's leads are e-mailed.",
    },
)
PLAN = FormPage(
    forms.AgencyAuditForm,
    _plan_update,
    "audit",
    "The audit plan was saved.",
    {"title": "Edit the plan of {audit.title}", "submit": "Save"},
    initial=("title", "kind", "theme", "scope", "start_date", "due_date", "independent", "auditor_name", "version"),
    initial_from=lambda audit: {"auditing_agency": audit.auditing_agency_id},
)
FINDING = FormPage(
    forms.FindingForm,
    services.finding_add,
    "audit",
    "The finding was added.",
    {"title": "Add a finding to {audit.title}", "submit": "Add finding"},
    anchor="findings",
)
OUTCOME = FormPage(
    forms.OutcomeForm,
    services.outcome_submit,
    "audit",
    "The outcome was submitted to PAQA.",
    {
        "title": "Submit the outcome of {audit.title}",
        "submit": "Submit outcome to PAQA",
        "intro": "Add graded findings and recommendations first; the action plan is added from the audit page.",
    },
    initial=("summary",),
)
RECOMMENDATION = FormPage(
    forms.RecommendationForm,
    services.recommendation_add,
    "agency_audit",
    "The recommendation was added.",
    {"title": "Add a recommendation to {agency_audit.title}", "submit": "Add"},
    anchor="recommendations",
)
CONSIDER = FormPage(
    forms.ConsiderForm,
    services.audit_consider,
    "audit",
    "PAQA's consideration was recorded.",
    {"title": "PAQA consideration of {audit.title}", "submit": "Record"},
    initial_from=lambda audit: {"consideration": audit.paqa_consideration},
)
FOLLOW_UP_REQUEST = FormPage(
    forms.FollowUpRequestForm,
    services.follow_up_request,
    "audit",
    "The follow-up report was requested.",
    {"title": "Request a follow-up report on {audit.title}", "submit": "Request follow-up"},
)
FOLLOW_UP_REPORT = FormPage(
    forms.FollowUpSubmitForm,
    services.follow_up_submit,
    "follow_up",
    "The follow-up report was submitted.",
    {"submit": "Submit", "intro": "Due {follow_up.due_date:%d %B %Y}."},
)
RESOLVE = FormPage(
    forms.ResolveForm,
    services.escalation_resolve,
    "escalation",
    "The escalation was resolved.",
    {"title": "Resolve an escalation", "submit": "Resolve"},
)
ESCALATION = FormPage(
    forms.EscalationForm,
    services.escalation_create,
    "audit",
    "The concern was escalated to the Partnership.",
    {
        "title": "Escalate a concern from {audit.title}",
        "submit": "Escalate to the Partnership",
        "intro": "The escalation shows on the Partnership's dashboard until it is resolved.",
    },
)


# A multi-agency practice audit and its cases.
PRACTICE_NEW = FormPage(
    forms.PracticeAuditForm,
    practice_services.practice_audit_create,
    None,
    "The multi-agency audit was set up. Next: load the candidate cases.",
    {"title": "New multi-agency practice audit", "back": "audits:practice_list", "submit": "Set up audit"},
)
PRACTICE_EDIT = FormPage(
    forms.PracticeAuditEditForm,
    practice_services.practice_audit_update,
    "audit",
    "The audit was saved.",
    {"title": "Edit {audit.title}", "submit": "Save"},
    initial=("status", "summary", "methodology", "co_opted", "start_date", "end_date", "version"),
)
CASE_GRADE = FormPage(
    forms.CaseGradeForm,
    practice_services.case_grade,
    "case",
    lambda case: f"Case {case.reference} was graded.",
    {"title": "Grade case {case.reference}", "submit": "Save grade"},
    initial=("grade", "summary"),
)
CASE_CHARACTERISTICS = FormPage(
    forms.CaseCharacteristicsForm,
    practice_services.case_characteristics_record,
    "case",
    lambda case: f"The child's characteristics on case {case.reference} were saved.",
    {
        "title": "Equality monitoring for case {case.reference}",
        "submit": "Save",
        "intro": "As the DfE records them. Choose “Not known” when it is not known: every question needs an answer.",
    },
    initial=("child_sex", "child_age_band", "child_ethnicity", "child_disability"),
    refused_status=400,
)
PRACTICE_RECOMMENDATION = FormPage(
    forms.RecommendationForm,
    services.recommendation_add,
    "practice_audit",
    "The recommendation was added.",
    {"title": "Add a recommendation to {practice_audit.title}", "submit": "Add"},
    anchor="recommendations",
)


# The governance steps of a practice audit.
def _governance_page(form, service, success_message, words) -> FormPage:
    """A governance step's form: saved, back to the audit's governance section; refused, shown
    again with 400."""
    return FormPage(form, service, "audit", success_message, words, anchor="governance", refused_status=400)


TEAM_MEMBER = _governance_page(
    forms.TeamMemberForm,
    governance_services.team_member_add,
    lambda m: f"{m.name} was added to the audit team.",
    {"title": "Add a member to the audit team: {audit.title}", "submit": "Add member"},
)
DISSEMINATION = _governance_page(
    forms.DisseminationForm,
    governance_services.dissemination_record,
    "The dissemination was recorded.",
    {
        "title": "Record dissemination: {audit.title}",
        "submit": "Record",
        "intro": "Good practice is shared as readily as shortfalls: record each, with what, to whom, when and how.",
    },
)


# A process audit.
PROCESS_NEW = FormPage(
    forms.ProcessAuditForm,
    process_services.process_audit_create,
    None,
    "Process audit added.",
    {"title": "Add a process audit", "back": "audits:process_list", "submit": "Add the audit"},
    refused_status=400,
)


def _step_page(step: str, form, service, success_message: str, intro: str) -> FormPage:
    words = {"title": f"{gr.STEP_LABELS[step]}: {{audit.title}}", "submit": "Record", "intro": intro}
    return _governance_page(form, service, success_message, words)


# step: its form page
STEP_PAGES = {
    gr.METHODOLOGY: _step_page(
        gr.METHODOLOGY,
        forms.MethodologyAgreedForm,
        governance_services.methodology_agree,
        "The methodology's agreement was recorded.",
        "Who agreed the audit's methodology (as written on the audit), and when.",
    ),
    gr.TEAM: _step_page(
        gr.TEAM,
        forms.StepDateForm,
        governance_services.team_confirm,
        "The audit team was confirmed.",
        "Confirm the team listed on the audit: at least one member must bring expertise from outside PAQA.",
    ),
    gr.FINDINGS: _step_page(
        gr.FINDINGS,
        forms.MeetingStepForm,
        governance_services.findings_present,
        "The presentation of the findings to PAQA was recorded.",
        "The PAQA meeting the audit's findings were presented to, and its date.",
    ),
    gr.RECOMMENDATIONS: _step_page(
        gr.RECOMMENDATIONS,
        forms.MeetingStepForm,
        governance_services.recommendations_agree,
        "The Partnership's agreement was recorded: the action plan can now start.",
        "The Partnership meeting that agreed the audit's recommendations, and its date. "
        "The action plan starts only after this.",
    ),
}
