"""Forms for audits: they parse and check input; the services decide and write."""

from django import forms
from django.db.models import Q

from audits import rules
from audits.access import is_quality_lead
from audits.models import AgencyAudit, AuditCase, AuditStandard, Dissemination, Finding, PracticeAudit
from bscp_portal.lib import uploads
from partnership import equality
from partnership.models import Agency, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgencyAuditForm(forms.Form):
    """An audit in an agency's own programme (or its plan edited later)."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="Agency audited")
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(
        choices=AgencyAudit.Kind.choices,
        initial=AgencyAudit.Kind.AUDIT,
        widget=forms.RadioSelect,
        label="Kind",
        help_text="A management review is the agency's review of its own handling of one case.",
    )
    theme = forms.CharField(max_length=200, label="Area or theme")
    scope = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    start_date = forms.DateField(required=False, widget=DATE, label="Start date")
    due_date = forms.DateField(required=False, widget=DATE, label="Report due")
    independent = forms.BooleanField(
        required=False, label="Independent audit (carried out by another agency or person)"
    )
    auditing_agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(active=True), required=False, label="Nominated auditing agency"
    )
    auditor_name = forms.CharField(max_length=200, required=False, label="Nominated auditor (if a person)")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if is_quality_lead(user):
            self.fields["agency"].queryset = Agency.objects.filter(active=True)
        else:
            self.fields["agency"].queryset = Agency.objects.filter(pk=user.agency_id)
            self.fields["agency"].initial = user.agency_id
        if editing:
            del self.fields["agency"]
            self.fields["kind"].required = False  # left out: the audit stays the kind it is

    def clean(self):
        data = super().clean()
        if data.get("independent") and not data.get("auditing_agency") and not data.get("auditor_name"):
            self.add_error("auditing_agency", "An independent audit needs a nominated agency or person.")
        return data


class AuditRequestForm(forms.Form):
    """PAQA (or the Partnership) asks an agency for an audit of an area by a date."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.filter(active=True), label="Agency to audit")
    origin = forms.ChoiceField(
        choices=[c for c in AgencyAudit.Origin.choices if c[0] != AgencyAudit.Origin.OWN], label="Requested by"
    )
    title = forms.CharField(max_length=200)
    theme = forms.CharField(max_length=200, label="Area or theme")
    scope = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Scope")
    due_date = forms.DateField(widget=DATE, label="Report due by")
    independent = forms.BooleanField(
        required=False, label="Independent audit (carried out by another agency or person)"
    )
    auditing_agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(active=True), required=False, label="Nominated auditing agency"
    )
    auditor_name = forms.CharField(max_length=200, required=False, label="Nominated auditor (if a person)")


class FindingForm(forms.Form):
    grade = forms.ChoiceField(choices=Finding.Grade.choices)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Finding")


class OutcomeForm(forms.Form):
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="Outcome summary")
    report = forms.FileField(
        required=False,
        label="Audit report (PDF, .docx or .odt)",
        help_text="Optional. If the form shows an error, choose the file again: browsers cannot keep it.",
    )

    def clean_report(self):
        report = self.cleaned_data.get("report")
        if report is not None:
            uploads.check_upload(report, "document")
        return report


class RecommendationForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Recommendation")
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), required=False, label="For agency")

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is None:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies
            self.fields["agency"].empty_label = "The partnership as a whole"


class ConsiderForm(forms.Form):
    consideration = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="PAQA consideration")
    agree_plan = forms.BooleanField(required=False, initial=True, label="PAQA agrees the action plan")
    follow_up_due = forms.DateField(required=False, widget=DATE, label="Follow-up report due (optional)")


class FollowUpRequestForm(forms.Form):
    due_date = forms.DateField(widget=DATE, label="Follow-up report due")


class FollowUpSubmitForm(forms.Form):
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="Evidence of improvement")


class EscalationForm(forms.Form):
    finding = forms.ModelChoiceField(queryset=Finding.objects.none(), required=False, label="Finding concerned")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why it goes to the Partnership")

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = audit.findings.all()
        self.fields["finding"].empty_label = "(the audit as a whole)"


class ResolveForm(forms.Form):
    resolution = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="How the Partnership resolved it")


# --- practice audits --------------------------------------------------------------------------


class PracticeAuditForm(forms.Form):
    title = forms.CharField(max_length=200)
    theme = forms.CharField(max_length=200)
    standards = forms.ModelMultipleChoiceField(
        queryset=AuditStandard.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        label="Standards audited against",
    )
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        label="Agencies taking part",
    )
    lead = forms.ModelChoiceField(queryset=User.objects.none(), label="Audit lead")
    team = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Audit team (PAQA members)",
    )
    co_opted = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Co-opted experts (names and roles)"
    )
    methodology = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    start_date = forms.DateField(required=False, widget=DATE)
    end_date = forms.DateField(required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = User.objects.filter(is_active=True)
        self.fields["team"].queryset = active.filter(memberships__subcommittee__code="paqa").distinct()
        self.fields["lead"].queryset = active.filter(
            Q(memberships__subcommittee__code="paqa") | Q(role_assignments__role__in=["paqa", "business_unit"])
        ).distinct()

    def clean_agencies(self):
        agencies = self.cleaned_data["agencies"]
        if len(agencies) < 2:
            raise forms.ValidationError("A multi-agency audit involves at least two agencies.")
        return agencies


class PracticeAuditEditForm(forms.Form):
    status = forms.ChoiceField(choices=PracticeAudit.Status.choices)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False, label="Summary of findings")
    methodology = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    co_opted = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Co-opted experts")
    start_date = forms.DateField(required=False, widget=DATE)
    end_date = forms.DateField(required=False, widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)


class CandidatesForm(forms.Form):
    file = forms.FileField(
        required=False,
        label="Candidate cases (CSV)",
        help_text="Columns: reference, agencies (separated by ;), then any attributes such as age band. "
        "If the form shows an error, choose the file again: browsers cannot keep it.",
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        required=False,
        label="Or type or paste the list (same columns, first line the header)",
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is None and not (data.get("text") or "").strip():
            raise forms.ValidationError("Choose a CSV file or type the list of candidate cases.")
        if upload is not None:
            try:
                uploads.check_upload(upload, "csv")
            except forms.ValidationError as exc:
                self.add_error("file", exc.messages)
                return data
            raw = upload.read()
            try:
                data["content"] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                try:
                    data["content"] = raw.decode("cp1252")
                except UnicodeDecodeError:
                    self.add_error("file", "The file could not be read as text (save it as CSV UTF-8).")
                    return data
            data["source"] = f"File {upload.name}"
        else:
            data["content"] = data["text"]
            data["source"] = "Entered by hand"
        return data


class SampleForm(forms.Form):
    size = forms.IntegerField(min_value=1, label="Sample size (cases)")
    stratify_by = forms.ChoiceField(required=False, label="Stratify by (optional)")
    seed = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=2**62,
        label="Seed (optional)",
        help_text="Leave blank for a fresh random seed; give a stored seed to reproduce a draw.",
    )

    def __init__(self, *args, attributes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stratify_by"].choices = [("", "No stratification")] + [(a, a) for a in attributes]


class CaseGradeForm(forms.Form):
    grade = forms.ChoiceField(
        choices=[("", "Not yet graded")] + list(AuditCase.Grade.choices), label="Grade for the case"
    )
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Case summary")

    def clean_grade(self):
        grade = self.cleaned_data["grade"]
        if grade not in rules.CASE_GRADES:
            raise forms.ValidationError("Choose outstanding, good, requires improvement or inadequate.")
        return grade


class CaseAgencyForm(forms.Form):
    """One agency's answers on one case: a choice per criterion, strengths and learning."""

    strengths = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}), required=False, label="Practice strengths"
    )
    learning = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}), required=False, label="Learning / shortfalls"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        from audits.models import Answer

        for c in self.criteria:
            self.fields[f"c{c.pk}"] = forms.ChoiceField(
                choices=Answer.Value.choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                required=False,
                label=f"{c.standard.title}: {c.text}",
            )

    def answers(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria if self.cleaned_data.get(f"c{c.pk}")}


class DisagreementForm(forms.Form):
    raised_by_agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(active=True), label="Agency raising it", empty_label="Choose"
    )
    with_agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(active=True), label="Agency disagreed with", empty_label="Choose"
    )
    subject = forms.CharField(
        label="What the disagreement is about",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="No names: a case reference at most.",
    )
    case_reference = forms.CharField(max_length=40, required=False)
    raised_on = forms.DateField(label="Raised between practitioners", widget=DATE)
    manager_on = forms.DateField(label="Escalated to managers", widget=DATE, required=False)
    senior_manager_on = forms.DateField(label="Escalated to senior managers", widget=DATE, required=False)
    partnership_on = forms.DateField(label="Escalated to the Partnership", widget=DATE, required=False)
    outcome = forms.ChoiceField(choices=[])
    resolved_on = forms.DateField(label="Resolved or withdrawn on", widget=DATE, required=False)
    outcome_note = forms.CharField(label="What was decided", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        from audits.access import is_quality_lead
        from audits.models import Disagreement

        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = Disagreement.Outcome.choices
        if not editing:
            del self.fields["version"]
            if not is_quality_lead(user):
                self.fields["raised_by_agency"].queryset = Agency.objects.filter(pk=user.agency_id)
                self.fields["raised_by_agency"].initial = user.agency_id

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class ProcessAuditForm(forms.Form):
    title = forms.CharField(max_length=200)
    process = forms.CharField(max_length=200, label="Process audited", help_text="For example, the front door.")
    standard = forms.CharField(label="Standard it is judged against", widget=forms.Textarea(attrs={"rows": 3}))
    scope = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    method = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How the process will be looked at: observation, records, interviews, data.",
    )
    lead = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True).order_by("last_name", "first_name"),
        required=False,
        label="Audit lead (optional)",
        empty_label="No lead named yet",
    )


class ProcessFindingsForm(forms.Form):
    findings = forms.CharField(
        label="What the audit found, against the standard", widget=forms.Textarea(attrs={"rows": 8})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProcessRecommendationsForm(forms.Form):
    recommendations = forms.CharField(label="Recommendations agreed", widget=forms.Textarea(attrs={"rows": 8}))
    version = forms.IntegerField(widget=forms.HiddenInput)


# --- governance steps of a multi-agency audit --------------------------------------------------


class StepDateForm(forms.Form):
    on = forms.DateField(widget=DATE, label="Date")


class MethodologyAgreedForm(StepDateForm):
    agreed_by = forms.CharField(max_length=200, label="Agreed by", help_text="The meeting or person that agreed it.")
    field_order = ["agreed_by", "on"]


class MeetingStepForm(StepDateForm):
    meeting = forms.CharField(max_length=200, label="Meeting")
    field_order = ["meeting", "on"]


class TeamMemberForm(forms.Form):
    name = forms.CharField(max_length=200)
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(active=True).order_by("name"), required=False, label="Agency"
    )
    organisation = forms.CharField(
        max_length=200, required=False, label="Organisation", help_text="When the member is not from a partner agency."
    )
    expertise = forms.CharField(max_length=200)
    outside_paqa = forms.BooleanField(required=False, label="Brings expertise from outside PAQA")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].empty_label = "Not a partner agency"


class DisseminationForm(forms.Form):
    kind = forms.ChoiceField(
        choices=Dissemination.Kind.choices, widget=forms.RadioSelect, label="What kind of learning"
    )
    what = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What was shared")
    audience = forms.CharField(max_length=200, label="To whom")
    on = forms.DateField(widget=DATE, label="When")
    method = forms.CharField(max_length=200, label="How", help_text="Briefing, newsletter, workshop, 7-minute guide.")


class CaseCharacteristicsForm(forms.Form):
    """The child's protected characteristics on an audited case: every question answered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for suffix, question, choices in equality.CHARACTERISTICS:
            self.fields[f"child_{suffix}"] = forms.ChoiceField(
                choices=[("", "Choose an answer"), *choices], required=False, label=f"Child's {question.lower()}"
            )
