"""Forms for partnership performance (crispy-forms, bootstrap 5)."""

import datetime as dt
import time

from django import forms
from django.core import signing
from django.utils import timezone

from bscp_portal.lib.periods import year_label
from governance.models import Attendance, ExpenditureLine, Meeting, RoutedReport
from governance.models.base import Rag
from governance.models.budget import RiskRating
from governance.models.reports import SourceKind
from governance.models.training import PractitionerRole
from partnership.models import Agency, AgencyKind, SubCommittee, User

SCALE_CHOICES = [(i, str(i)) for i in range(1, 6)]
AGREEMENT = "1 strongly disagree – 5 strongly agree"
DATE = forms.DateInput(attrs={"type": "date"})


class ObjectiveRateForm(forms.Form):
    rag = forms.ChoiceField(label="Overall rating", choices=Rag.choices)
    explanation = forms.CharField(
        label="Why this rating",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What the actions' progress and the evidence of outcome show.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ChairReportForm(forms.Form):
    meeting = forms.ModelChoiceField(label="Meeting cycle", queryset=Meeting.objects.none())
    activity = forms.CharField(label="Activity this cycle", widget=forms.Textarea(attrs={"rows": 4}))
    outcomes = forms.CharField(label="Outcomes and evidence of impact", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, subcommittee_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(body_id__in=subcommittee_ids).select_related("body")


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label="Partnership or sub-committee", queryset=SubCommittee.objects.active())
    held_on = forms.DateField(label="Date", widget=DATE)
    title = forms.CharField(required=False, max_length=200)
    location = forms.CharField(required=False, max_length=200)
    expected_agencies = forms.ModelMultipleChoiceField(
        label="Member agencies expected",
        queryset=Agency.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
    )


class AttendanceForm(forms.Form):
    """One status and deputy pair per expected agency."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        choices = [c for c in Attendance.Status.choices if c[0] != Attendance.Status.EXPECTED]
        for row in self.rows:
            self.fields[f"status_{row.agency_id}"] = forms.ChoiceField(
                label=f"{row.agency.name}: attendance",
                choices=[("", "Choose…"), *choices],
                initial=row.status if row.status != Attendance.Status.EXPECTED else "",
            )
            self.fields[f"deputy_{row.agency_id}"] = forms.CharField(
                label=f"{row.agency.name}: deputy (with apologies)", required=False, max_length=200, initial=row.deputy
            )

    def entries(self) -> dict[int, tuple[str, str]]:
        return {
            r.agency_id: (self.cleaned_data[f"status_{r.agency_id}"], self.cleaned_data[f"deputy_{r.agency_id}"])
            for r in self.rows
        }

    def pairs(self):
        for row in self.rows:
            yield row, self[f"status_{row.agency_id}"], self[f"deputy_{row.agency_id}"]


class ContributionForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.filter(active=True))
    agreed = forms.DecimalField(label="Agreed (£)", min_value=0, max_digits=12, decimal_places=2)
    received = forms.DecimalField(
        label="Received (£)",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text="Leave blank until received. More than agreed is accepted and flagged.",
    )
    note = forms.CharField(required=False, max_length=300)


class ExpenditureForm(forms.Form):
    category = forms.ChoiceField(choices=ExpenditureLine.Category.choices)
    description = forms.CharField(required=False, max_length=200)
    budget = forms.DecimalField(label="Budget (£)", min_value=0, max_digits=12, decimal_places=2)
    actual = forms.DecimalField(label="Actual (£)", min_value=0, max_digits=12, decimal_places=2, required=False)


class AgencyReportForm(forms.Form):
    """What one partner agency reports: the agency first, chosen from `agencies` when given
    (the ones the person may report for), else from every active agency."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.filter(active=True))

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies


class PressureForm(AgencyReportForm):
    description = forms.CharField(label="The pressure", widget=forms.Textarea(attrs={"rows": 3}))
    impact = forms.CharField(label="Impact on safeguarding", widget=forms.Textarea(attrs={"rows": 3}))
    risk_rating = forms.ChoiceField(label="Risk rating", choices=RiskRating.choices)
    mitigations = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


class InvestmentForm(AgencyReportForm):
    description = forms.CharField(label="Investment or improvement", widget=forms.Textarea(attrs={"rows": 3}))
    amount = forms.DecimalField(label="Amount (£)", min_value=0, max_digits=12, decimal_places=2, required=False)


class PlacesForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.filter(active=True))
    role = forms.ChoiceField(choices=PractitionerRole.choices)
    count = forms.IntegerField(label="Number attending", min_value=1, max_value=500, initial=1)


def yes_no(label: str, *, yes: str = "Yes", no: str = "No") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=[("yes", yes), ("no", no)], coerce=lambda v: v == "yes", widget=forms.RadioSelect
    )


def scale(label: str, **kwargs) -> forms.TypedChoiceField:
    """A rating from 1 to 5, one radio button a point."""
    return forms.TypedChoiceField(label=label, choices=SCALE_CHOICES, coerce=int, widget=forms.RadioSelect, **kwargs)


class CriteriaAnswersMixin:
    """A yes or no question per criterion of the partnership's training standards (`criterion_<id>`)."""

    def add_criteria(self, criteria) -> None:
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"criterion_{c.pk}"] = yes_no(c.text)

    def answers(self) -> dict[int, bool]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}

    def other_data(self) -> dict:
        """What the form holds besides the criterion answers, for the service's other arguments."""
        return {k: v for k, v in self.cleaned_data.items() if not k.startswith("criterion_")}


class EvaluationForm(CriteriaAnswersMixin, forms.Form):
    """The end-of-course evaluation: scores, then a yes or no per end-of-course criterion."""

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        comment = self.fields.pop("comment")
        self.add_criteria(criteria)
        self.fields["comment"] = comment

    confidence_before = scale("Confidence before the session (1 low – 5 high)")
    confidence_after = scale("Confidence after the session (1 low – 5 high)")
    usefulness = scale("How useful was it? (1 not useful – 5 very useful)")
    would_recommend = yes_no("Would you recommend it to a colleague?")
    comment = forms.CharField(
        label="Anything else (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class FollowUpForm(CriteriaAnswersMixin, forms.Form):
    """The 3-month follow-up on impact on practice."""

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_criteria(criteria)
        self.fields["example"] = forms.CharField(
            label="An example of how the course has changed what you do (optional)",
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )


class CourseAssessmentForm(forms.Form):
    """The business unit's judgement of a course against each design criterion."""

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"met_{c.pk}"] = yes_no(c.text, yes="Met", no="Not met")
            self.fields[f"note_{c.pk}"] = forms.CharField(
                label="Evidence, or what is missing if not met",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def judgements(self) -> dict[int, tuple[bool | None, str]]:
        data = self.cleaned_data
        return {c.pk: (data.get(f"met_{c.pk}"), data.get(f"note_{c.pk}", "")) for c in self.criteria}


class WorkforceForm(forms.Form):
    """An agency's workforce figures for one year; the business unit chooses the agency."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.filter(active=True), empty_label="Choose an agency")
    year = forms.TypedChoiceField(label="Year (April to March)", coerce=int)
    staff_in_contact = forms.IntegerField(label="Staff in contact with children and families", min_value=0)
    trained = forms.IntegerField(label="Of those, trained in safeguarding at the level their role needs", min_value=0)
    safeguarding_posts = forms.IntegerField(label="Posts in safeguarding roles", min_value=0)
    vacancies = forms.IntegerField(label="Of those posts, vacant at the end of the year", min_value=0)
    leavers = forms.IntegerField(label="People who left safeguarding roles during the year", min_value=0)
    note = forms.CharField(
        label="Anything PAQA should know about these figures (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, years=(), agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, year_label(y)) for y in years]
        if agency is not None:
            del self.fields["agency"]  # an agency lead enters their own agency's figures only


class ChairsMeetingForm(forms.Form):
    held_on = forms.DateField(label="Date", widget=DATE)
    attendees = forms.ModelMultipleChoiceField(
        label="Who attended",
        queryset=User.objects.filter(is_active=True).order_by("last_name", "first_name"),
        widget=forms.CheckboxSelectMultiple,
        help_text="The Partnership chair and the sub-committee chairs who came.",
    )
    others_present = forms.CharField(label="Others present (optional)", required=False, max_length=300)
    decisions = forms.CharField(
        label="Decisions taken, one a line", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["attendees"].queryset = people
        self.fields["attendees"].label_from_instance = lambda u: u.get_full_name() or u.username

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["decisions"] = data["decisions"].splitlines()
        return data


class SurveyAnswerForm(forms.Form):
    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            self.fields[f"q{q.pk}"] = scale(q.text, help_text=AGREEMENT)
            self.fields[f"c{q.pk}"] = forms.CharField(
                label="Comment (optional)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def answers(self) -> dict[int, tuple[int, str]]:
        return {q.pk: (self.cleaned_data[f"q{q.pk}"], self.cleaned_data[f"c{q.pk}"]) for q in self.questions}


FEEDBACK_SALT = "governance.feedback.started"


class FeedbackForm(forms.Form):
    """The public practitioner form: no name; a hidden honeypot and a signed start time."""

    agency_kind = forms.ChoiceField(label="Type of agency you work for", choices=[("", "Choose…"), *AgencyKind.choices])
    role = forms.ChoiceField(label="Your role", choices=[("", "Choose…"), *PractitionerRole.choices])
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            if q.kind == "scale":
                self.fields[f"q{q.pk}"] = scale(q.text, help_text=AGREEMENT)
            else:
                self.fields[f"q{q.pk}"] = forms.CharField(
                    label=q.text, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
                )
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=FEEDBACK_SALT)

    def answers(self) -> dict[int, tuple[int | None, str]]:
        out = {}
        for q in self.questions:
            value = self.cleaned_data.get(f"q{q.pk}")
            out[q.pk] = (value, "") if q.kind == "scale" else (None, value or "")
        return out


class ReportUploadForm(forms.Form):
    title = forms.CharField(max_length=300)
    author_name = forms.CharField(label="Author", max_length=200)
    source_kind = forms.ChoiceField(label="Comes from", choices=SourceKind.choices)
    source_label = forms.CharField(label="Source (e.g. the audit or review)", max_length=300, required=False)
    received_on = forms.DateField(label="Received on", widget=DATE)
    file = forms.FileField(
        required=False, help_text="PDF, Word, Excel or OpenDocument. If the form shows an error, choose the file again."
    )


class ReportRequestForm(forms.Form):
    title = forms.CharField(label="Report requested", max_length=300)
    owner = forms.ModelChoiceField(label="Who owes it", queryset=User.objects.filter(is_active=True))
    due_on = forms.DateField(label="Due by", widget=DATE)


class ReportSubmitForm(forms.Form):
    file = forms.FileField(
        required=False, help_text="PDF, Word, Excel or OpenDocument. If the form shows an error, choose the file again."
    )
    note = forms.CharField(required=False, max_length=500)


class ReportDecideForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("tabled", "Table for the Partnership"),
            ("circulated", "Circulate for information only"),
            ("returned", "Return to the author with reasons"),
        ],
        widget=forms.RadioSelect,
    )
    meeting = forms.ModelChoiceField(
        label="Partnership meeting (when tabled)",
        required=False,
        queryset=Meeting.objects.filter(body__code="partnership").order_by("held_on"),
    )
    reasons = forms.CharField(
        label="Reason for PAQA's decision",
        required=False,
        help_text="Needed for every decision; the sender and the Partnership read it.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Meetings to come, and recent ones whose papers may still be added.
        since = timezone.localdate() - dt.timedelta(days=30)
        self.fields["meeting"].queryset = Meeting.objects.filter(body__code="partnership", held_on__gte=since).order_by(
            "held_on"
        )


class RoutedReportStatusFilter(forms.Form):
    status = forms.ChoiceField(required=False, choices=[("", "All"), *RoutedReport.Status.choices])
