"""Forms for conferences: they parse and show messages; the rules live in services."""

from django import forms

from bscp_portal.lib.lookups import offer_in_use
from conferences import services
from conferences.models import SCALE, Conference, Question, Respondent, StandardResult

YOUNG_SCALE = [(5, "Yes, a lot"), (4, "Yes"), (3, "Not sure"), (2, "No"), (1, "Not at all")]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHECK = {"class": "form-check-input"}


class ConferenceForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Conference
        fields = services.CONFERENCE_FIELDS
        widgets = {
            "late_reason_detail": forms.Textarea(attrs={"rows": 2}),
            "strategy_discussion_date": DATE,
            "enquiry_start_date": DATE,
            "conference_date": DATE,
            "plan_start": DATE,
            "plan_end": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_category"].choices = [
            ("", "No plan / not applicable"),
            *self.fields["plan_category"].choices[1:],
        ]
        for name in ("child_sex", "child_age_band", "child_ethnicity", "child_disability"):
            self.fields[name].choices = [("", "Choose an answer"), *self.fields[name].choices[1:]]
        reasons = self.fields["late_reason"]
        offer_in_use(self)
        reasons.empty_label = "In timescale: no reason needed"
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def validate_unique(self):
        """Uniqueness and the cross-field rules are checked by the service."""

    def _post_clean(self):
        # The service runs the model's checks once, with the framework's messages.
        pass


class AttendanceForm(forms.Form):
    """One row per agency: invited, attended, apologies, report date, report shared."""

    def __init__(self, *args, agencies, invitations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = list(agencies)
        existing = {i.agency_id: i for i in (invitations or [])}
        for agency in self.agencies:
            inv = existing.get(agency.pk)
            p = f"a{agency.pk}"
            self.fields[f"{p}_invited"] = forms.BooleanField(
                required=False, label=f"Invited: {agency}", widget=forms.CheckboxInput(CHECK)
            )
            self.fields[f"{p}_attended"] = forms.BooleanField(
                required=False, label=f"Attended: {agency}", widget=forms.CheckboxInput(CHECK)
            )
            self.fields[f"{p}_apologies"] = forms.BooleanField(
                required=False, label=f"Apologies: {agency}", widget=forms.CheckboxInput(CHECK)
            )
            self.fields[f"{p}_report"] = forms.DateField(
                required=False,
                label=f"Report received: {agency}",
                widget=forms.DateInput(
                    attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
                ),
            )
            self.fields[f"{p}_shared"] = forms.BooleanField(
                required=False, label=f"Report shared with parents: {agency}", widget=forms.CheckboxInput(CHECK)
            )
            if inv is not None and not self.is_bound:
                self.initial.update(
                    {
                        f"{p}_invited": inv.invited,
                        f"{p}_attended": inv.attended,
                        f"{p}_apologies": inv.apologies,
                        f"{p}_report": inv.report_submitted_on,
                        f"{p}_shared": inv.report_shared_with_parents,
                    }
                )

    def rows(self):
        """(agency, bound fields) for the template."""
        for agency in self.agencies:
            p = f"a{agency.pk}"
            yield agency, [self[f"{p}_{n}"] for n in ("invited", "attended", "apologies", "report", "shared")]

    def cleaned_rows(self) -> list[dict]:
        """Rows for the agencies that were invited or have anything recorded."""
        out = []
        for agency in self.agencies:
            p = f"a{agency.pk}"
            row = {
                "agency": agency,
                "invited": self.cleaned_data[f"{p}_invited"],
                "attended": self.cleaned_data[f"{p}_attended"],
                "apologies": self.cleaned_data[f"{p}_apologies"],
                "report_submitted_on": self.cleaned_data[f"{p}_report"],
                "report_shared_with_parents": self.cleaned_data[f"{p}_shared"],
            }
            if any(v for k, v in row.items() if k != "agency"):
                out.append(row)
        return out

    def field_name(self, agency, key: str) -> str:
        return {
            "attended": f"a{agency.pk}_attended",
            "apologies": f"a{agency.pk}_apologies",
            "report_submitted_on": f"a{agency.pk}_report",
            "report_shared_with_parents": f"a{agency.pk}_shared",
        }.get(key, f"a{agency.pk}_invited")


class StandardsForm(forms.Form):
    def __init__(self, *args, standards, results=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = list(standards)
        current = {r.standard_id: r.result for r in (results or [])}
        choices = [("", "Not recorded"), *StandardResult.Result.choices]
        for s in self.standards:
            self.fields[f"s{s.pk}"] = forms.ChoiceField(choices=choices, required=False, label=s.name)
            if not self.is_bound and s.pk in current:
                self.initial[f"s{s.pk}"] = current[s.pk]

    def results(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data[f"s{s.pk}"] for s in self.standards}


class QuestionnaireForm(forms.Form):
    """The questions kept as data: a five-point agreement scale or free text, all optional."""

    def __init__(self, *args, questions, with_respondent: bool = False, respondent: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        if with_respondent:
            self.fields["respondent"] = forms.ChoiceField(
                choices=[(respondent, dict(Respondent.choices)[respondent])] if respondent else Respondent.choices,
                label="Who answered",
            )
            if respondent:
                self.initial["respondent"] = respondent
        # Children answer on a scale in their own words; the score behind each answer is the same.
        scale = YOUNG_SCALE if respondent == Respondent.YOUNG_PERSON else SCALE
        for q in self.questions:
            if q.kind == Question.Kind.SCALE:
                self.fields[f"q{q.pk}"] = forms.TypedChoiceField(
                    choices=scale, coerce=int, required=False, empty_value=None, label=q.text, widget=forms.RadioSelect
                )
            else:
                self.fields[f"q{q.pk}"] = forms.CharField(
                    required=False, label=q.text, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
                )

    def answers(self) -> dict[int, dict]:
        out = {}
        for q in self.questions:
            value = self.cleaned_data.get(f"q{q.pk}")
            if q.kind == Question.Kind.SCALE:
                out[q.pk] = {"score": value}
            else:
                out[q.pk] = {"text": value or ""}
        return out


class LinkForm(forms.Form):
    respondent = forms.ChoiceField(choices=Respondent.choices, label="Link for")


class PeriodForm(forms.Form):
    """A from/to month range for dashboards (defaults: the last 12 months)."""

    start = forms.CharField(label="From month", required=False, widget=forms.TextInput(attrs={"type": "month"}))
    end = forms.CharField(label="To month", required=False, widget=forms.TextInput(attrs={"type": "month"}))


class CoreGroupForm(forms.Form):
    """A core group: its date, whether the plan was reviewed, and each member agency's attendance."""

    CHOICES = [("", "Not in the core group"), ("attended", "Attended"), ("absent", "Did not attend")]
    meeting_date = forms.DateField(label="Date of the core group", widget=DATE)
    plan_reviewed = forms.BooleanField(
        required=False, label="The plan was reviewed and updated", widget=forms.CheckboxInput(CHECK)
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = list(agencies)
        for agency in self.agencies:
            self.fields[f"a{agency.pk}"] = forms.ChoiceField(choices=self.CHOICES, required=False, label=str(agency))

    def agency_fields(self):
        return [self[f"a{a.pk}"] for a in self.agencies]

    def attendance(self) -> list[tuple]:
        return [
            (a, self.cleaned_data[f"a{a.pk}"] == "attended") for a in self.agencies if self.cleaned_data.get(f"a{a.pk}")
        ]
