"""Forms for child death records. Validation of the rules lives in cdop/rules.py and the
services; forms only parse, so a refused save re-renders with everything the person typed."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from bscp_portal.lib.lookups import offer_in_use
from cdop import rules
from cdop.models import Area, Category, Death, Ethnicity, FactorDomain, PanelMeeting
from partnership.access import CDOP
from partnership.models import Agency, User
from partnership.themes import ThemeChoices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DeathForm(forms.Form):
    case_number = forms.CharField(max_length=30, help_text="The panel's case number, e.g. CD-2025-014. Never a name.")
    date_of_death = forms.DateField(widget=DATE)
    date_notified = forms.DateField(label="Date the panel was notified", widget=DATE)
    age_years = forms.IntegerField(
        label="Age at death in completed years",
        min_value=0,
        max_value=rules.MAX_AGE_YEARS,
        help_text="0 for a baby under one year.",
    )
    age_days = forms.IntegerField(
        label="Age in completed days (babies under one year only)",
        required=False,
        min_value=0,
        max_value=rules.DAYS_IN_FIRST_YEAR,
    )
    # No choice is made for the person: each answer is given, "Not known" being one of them.
    sex = forms.ChoiceField(choices=[("", "Choose")] + Death.Sex.choices, help_text="Choose “Not known” if it is.")
    ethnicity = forms.ModelChoiceField(
        queryset=Ethnicity.objects.all(), empty_label="Choose", help_text="Choose “Not stated” if it is not known."
    )
    area = forms.ModelChoiceField(label="Area of residence", queryset=Area.objects.all(), empty_label="Choose")
    deprivation_quintile = forms.ChoiceField(
        label="Deprivation of the child's home (IMD quintile)",
        choices=[("", "Choose")] + rules.DEPRIVATION_QUINTILES,
        help_text="The Index of Multiple Deprivation quintile of the neighbourhood of the child's home postcode "
        "(1 is the most deprived fifth of neighbourhoods in England). Choose “Not known” if it is.",
    )
    place_of_death = forms.ChoiceField(
        choices=[("", "Choose")] + Death.Place.choices, help_text="Choose “Not known” if it is."
    )
    expectation = forms.ChoiceField(
        label="Expected or unexpected", choices=Death.Expectation.choices, widget=forms.RadioSelect
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies involved",
        queryset=Agency.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    key_worker = forms.CharField(
        label="Key worker for the family",
        max_length=200,
        required=False,
        help_text="Name and role of the family's single point of contact through the review; leave empty "
        "until one is named.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["case_number"].disabled = True
        offer_in_use(self)  # values out of use are not offered, except those an old case has

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "date_of_death": data["date_of_death"],
            "date_notified": data["date_notified"],
            "age_years": data["age_years"],
            "age_days": data["age_days"],
            "sex": data["sex"],
            "ethnicity": data["ethnicity"],
            "area": data["area"],
            "deprivation_quintile": data["deprivation_quintile"],
            "place_of_death": data["place_of_death"],
            "expectation": data["expectation"],
            "key_worker": data["key_worker"].strip(),
        }

    @classmethod
    def initial_for(cls, death: Death) -> dict:
        return {
            "case_number": death.case_number,
            "version": death.version,
            "agencies": list(death.agencies.all()),
            **{f: getattr(death, f) for f in ("date_of_death", "date_notified", "age_years", "age_days", "sex")},
            **{
                f: getattr(death, f)
                for f in ("ethnicity", "area", "deprivation_quintile", "place_of_death", "expectation")
            },
            "key_worker": death.key_worker,
        }


class RapidResponseForm(forms.Form):
    jar_held = forms.TypedChoiceField(
        label="Was a joint agency response held?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text="Every unexpected death should have one, started within 24 hours of the death.",
    )
    jar_date = forms.DateField(label="Date of the joint agency response", widget=DATE, required=False)
    jar_reason = forms.CharField(
        label="Why not held, or why not within 24 hours",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=rules.STATUSES)
    version = forms.IntegerField(widget=forms.HiddenInput)


class PanelReviewForm(forms.Form):
    """The panel review, with one score (and the factors) per domain of the national form."""

    reviewed_on = forms.DateField(label="Date of the panel review", widget=DATE)
    meeting = forms.ModelChoiceField(
        label="Panel meeting",
        queryset=PanelMeeting.objects.all(),
        required=False,
        empty_label="Not at a recorded meeting",
    )
    # Not required here: the service says "a reviewed case must have a category" beside the field.
    category = forms.ModelChoiceField(
        label="Category of death", queryset=Category.objects.all(), required=False, empty_label="Choose a category"
    )
    modifiable = forms.ChoiceField(label="Modifiable factors", choices=[], required=False)
    learning_points = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text="No names.")
    themes = ThemeChoices(
        help_text="Themes of learning the death raises, from the national panel's list (PAQA sees only counts)."
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        from cdop.models import PanelReview

        super().__init__(*args, **kwargs)
        self.fields["modifiable"].choices = [("", "Choose")] + list(PanelReview.Modifiable.choices)
        offer_in_use(self)
        scored = [k.removeprefix("score_") for k in self.initial if k.startswith("score_")]
        self.domains = list(FactorDomain.objects.filter(Q(active=True) | Q(code__in=scored)))
        for domain in self.domains:
            # A free choice field, so that a value off the scale reaches the rule and gets its message.
            self.fields[f"score_{domain.code}"] = forms.CharField(
                label=f"Score: {domain.name}",
                required=False,
                widget=forms.Select(choices=[("", "Choose a score"), *rules.FACTOR_SCORES]),
            )
            self.fields[f"factors_{domain.code}"] = forms.CharField(
                label=f"Factors identified: {domain.name}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {d.code: (data.get(f"score_{d.code}", ""), data.get(f"factors_{d.code}", "")) for d in self.domains}

    def domain_fields(self):
        return [(d, self[f"score_{d.code}"], self[f"factors_{d.code}"]) for d in self.domains]

    @staticmethod
    def initial_for(death: Death) -> dict:
        initial = {"version": death.version, "reviewed_on": timezone.localdate()}
        review = getattr(death, "review", None)
        if review is not None:
            initial.update(
                reviewed_on=review.reviewed_on,
                meeting=review.meeting_id,
                category=review.category_id,
                modifiable=review.modifiable,
                learning_points=review.learning_points,
                themes=list(review.themes.all()),
            )
            for f in review.factors.select_related("domain"):
                initial[f"score_{f.domain.code}"] = f.score
                initial[f"factors_{f.domain.code}"] = f.factors
        return initial


class RecommendationForm(forms.Form):
    description = forms.CharField(
        label="Recommendation: what will be done",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The owning agency will see this: write it without any case details.",
    )
    measure = forms.CharField(label="How success will be measured", widget=forms.Textarea(attrs={"rows": 2}))
    agency = forms.ModelChoiceField(queryset=Agency.objects.filter(active=True))
    owner = forms.ModelChoiceField(queryset=User.objects.filter(is_active=True).select_related("agency"))
    due_date = forms.DateField(widget=DATE)
    priority = forms.ChoiceField(choices=[("high", "High"), ("medium", "Medium"), ("low", "Low")], initial="medium")


class ReferralForm(forms.Form):
    KINDS = [("rapid", "Rapid review"), ("learning", "Learning lessons review")]

    reference = forms.CharField(
        label="Case review reference", max_length=60, help_text="The review to create or link to, e.g. RR-2025-03."
    )
    kind = forms.ChoiceField(label="Kind of review", choices=KINDS)
    became_aware_on = forms.DateField(label="Date referred", widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)


def panel_members():
    return User.objects.filter(is_active=True, role_assignments__role=CDOP).select_related("agency").distinct()


class MeetingForm(forms.Form):
    date = forms.DateField(widget=DATE)
    location = forms.CharField(max_length=200, required=False)
    agenda = forms.ModelMultipleChoiceField(
        label="Cases on the agenda", queryset=Death.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    attendees = forms.ModelMultipleChoiceField(
        label="Attended", queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    apologies = forms.ModelMultipleChoiceField(
        label="Sent apologies", queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="No names.")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, meeting: PanelMeeting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Cases still open, plus any already on this meeting's agenda.
        cases = Death.objects.exclude(status=rules.CLOSED)
        if meeting is not None:
            cases = cases | Death.objects.filter(meetings=meeting)
        self.fields["agenda"].queryset = cases.distinct().order_by("date_notified")
        self.fields["agenda"].label_from_instance = lambda d: f"{d.case_number} ({d.get_status_display().lower()})"
        people = panel_members()
        self.fields["attendees"].queryset = people
        self.fields["apologies"].queryset = people

    @staticmethod
    def initial_for(meeting: PanelMeeting) -> dict:
        return {
            "date": meeting.date,
            "location": meeting.location,
            "notes": meeting.notes,
            "agenda": list(meeting.agenda.all()),
            "attendees": list(meeting.attendees.all()),
            "apologies": list(meeting.apologies.all()),
            "version": meeting.version,
        }


class InformationRequestForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency asked", queryset=Agency.objects.filter(active=True), empty_label="Choose an agency"
    )
    addressee = forms.ModelChoiceField(
        label="Designated person",
        queryset=User.objects.none(),
        empty_label="Choose the agency's designated person",
        help_text="Only this person (and the panel) will see the request and its answer.",
    )
    question = forms.CharField(
        label="What the panel asks",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="No names: the request shows the case number, date of death and age band only.",
    )
    due_on = forms.DateField(label="Answer due", widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = User.objects.filter(is_active=True, agency__isnull=False).select_related("agency")
        self.fields["addressee"].queryset = people.order_by("agency__name", "last_name", "first_name")
        self.fields["addressee"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.agency})"


class RequestAnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your agency's answer",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="What your agency knew of the child and family and its involvement; no names.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
