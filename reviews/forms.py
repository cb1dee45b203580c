"""Forms for reviews: they parse and show errors; the services decide."""

from django import forms

from bscp_portal.lib.lookups import offer_in_use
from partnership.models import Agency
from partnership.themes import ThemeChoices
from reviews.models import (
    Briefing,
    CaseReview,
    Consultation,
    DisseminationEvent,
    Inspection,
    Methodology,
    PractitionerFeedback,
    ThemedReview,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FILE_NOTE = "Browsers cannot keep a chosen file after an error: choose it again before saving."


def date_field(label: str, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE, help_text=help_text)


class AgencyChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Agency.objects.filter(active=True), **kwargs)


class ReviewRecordForm(forms.Form):
    """A review or inspection's own form: the hidden version only when editing (`editing=True`);
    `service_fields()` gives the plain fields, leaving out those the service takes by name
    (`taken_by_name`)."""

    taken_by_name: tuple[str, ...] = ("version", "agencies", "themes")
    created_only: tuple[str, ...] = ()  # fields shown when recording, not when editing

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.created_only if editing else ("version",):
            del self.fields[name]
        offer_in_use(self)  # lists: values out of use only where the record already has them

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in (*self.taken_by_name, *self.created_only)}


class CaseReviewForm(ReviewRecordForm):
    created_only = ("reference",)

    reference = forms.CharField(max_length=40, help_text='For example "RR-2025-03". Never a child\'s name.')
    title = forms.CharField(max_length=200, help_text="A short description of the incident, with no names.")
    kind = forms.ChoiceField(choices=CaseReview.Kind.choices)
    approach = forms.ChoiceField(
        choices=[("", "—")] + CaseReview.Approach.choices,
        required=False,
        help_text="For learning lessons reviews only.",
    )
    status = forms.ChoiceField(choices=CaseReview.Status.choices)
    agencies = AgencyChoices(required=False, label="Agencies involved")
    themes = ThemeChoices()
    became_aware_on = date_field("Date the partnership became aware")
    notified_on = date_field("Date the national panel was notified", help_text="Due within 5 working days.")
    rapid_review_on = date_field(
        "Date the rapid review was completed", help_text="Due within 15 working days of the notification."
    )
    reviewer = forms.CharField(label="Independent reviewer", max_length=200, required=False)
    terms_of_reference = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    started_on = date_field("Review started")
    completed_on = date_field("Review completed")
    published_on = date_field("Published")
    not_published_reason = forms.CharField(
        label="Reason for not publishing", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=CaseReview.Decision.choices, widget=forms.RadioSelect)
    decided_by = forms.CharField(
        label="Who decided", max_length=200, help_text="Name and role, e.g. the three partners."
    )
    decided_on = date_field("Date of the decision", required=True)
    decision_reason = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 4}))
    panel_view = forms.CharField(
        label="The national panel's view, where given", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ThemedReviewForm(ReviewRecordForm):
    taken_by_name = ("version", "agencies", "methodologies", "themes")

    theme = forms.CharField(max_length=200, help_text="The broad area under review, e.g. neglect.")
    rationale = forms.CharField(
        label="Rationale: the concern that prompted it", widget=forms.Textarea(attrs={"rows": 3})
    )
    agreed_by = forms.CharField(label="Agreed by (the Partnership chair)", max_length=200, required=False)
    agreed_on = date_field("Agreed on")
    methodologies = forms.ModelMultipleChoiceField(
        queryset=Methodology.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    methodology_notes = forms.CharField(
        label="Methodology: other approaches or detail", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    agencies = AgencyChoices(required=False, label="Agencies taking part")
    themes = ThemeChoices()
    status = forms.ChoiceField(choices=ThemedReview.Status.choices)
    started_on = date_field("Started")
    completed_on = date_field("Completed")
    findings = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    policy_change = forms.CharField(
        label="Policy or practice change it informed", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class InspectionForm(ReviewRecordForm):
    title = forms.CharField(
        label="What was inspected",
        max_length=200,
        help_text="e.g. JTAI: the multi-agency response to children at risk of exploitation.",
    )
    kind = forms.ChoiceField(label="Kind of inspection", choices=[("", "Choose")] + Inspection.Kind.choices)
    inspectorate = forms.ChoiceField(choices=[("", "Choose")] + Inspection.Inspectorate.choices)
    inspected_from = date_field("First day of the inspection", required=True)
    inspected_to = date_field("Last day of the inspection")
    published_on = date_field("Report published", help_text="Leave empty while the report is awaited.")
    judgement = forms.ChoiceField(
        choices=[("", "Choose")] + Inspection.Judgement.choices,
        help_text='Joint targeted area inspections write a letter with no overall grade; choose "No overall grade".',
    )
    findings = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="Strengths and areas for improvement, in the inspectors' words where possible.",
    )
    agencies = AgencyChoices(required=False, label="Agencies inspected")
    themes = ThemeChoices()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["group", "method", "held_on", "participants"]
        widgets = {"held_on": DATE}


class RecommendationForm(forms.Form):
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 3}))
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(active=True), label="Accountable agency", empty_label="Choose an agency"
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label="Closing note (what changed)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class BriefingForm(forms.ModelForm):
    upload = forms.FileField(label="Document (optional)", required=False, help_text=FILE_NOTE)

    class Meta:
        model = Briefing
        fields = ["kind", "title", "summary", "published_on"]
        widgets = {"published_on": DATE, "summary": forms.Textarea(attrs={"rows": 4})}


class EventForm(forms.ModelForm):
    agencies_reached = AgencyChoices(label="Agencies reached")

    class Meta:
        model = DisseminationEvent
        fields = ["held_on", "audience", "briefing", "attendance", "agencies_reached"]
        widgets = {"held_on": DATE}

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["briefing"].queryset = review.briefings.all() if review else Briefing.objects.none()
        self.fields["briefing"].required = False
        self.fields["briefing"].empty_label = "No briefing"


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = PractitionerFeedback
        fields = ["received_on", "changed_practice", "agency", "practitioner_role", "event", "comment"]
        widgets = {"received_on": DATE, "comment": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"comment": "In the practitioner's words; no names of children, families or staff."}

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = review.events.all() if review else DisseminationEvent.objects.none()
        self.fields["event"].empty_label = "Not about one event"
        self.fields["agency"].queryset = Agency.objects.filter(active=True)
        self.fields["agency"].empty_label = "Not given"


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label="Document", choices=[])
    upload = forms.FileField(label="File", help_text="PDF, Word, PowerPoint, PNG or JPEG. " + FILE_NOTE)

    def __init__(self, *args, **kwargs):
        from reviews.models import Attachment

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in Attachment.Kind.choices if c[0] != Attachment.Kind.BRIEFING]
