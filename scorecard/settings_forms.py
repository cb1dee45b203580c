"""The business unit's forms for an indicator's settings and its submitting agencies."""

from django import forms
from django.contrib.auth import get_user_model

from partnership.models import Agency, OutcomeArea, QAQuadrant, RiskTheme
from scorecard.models import POLARITY_CHOICES, Category, Frequency, Unit
from scorecard.services import CODE_PATTERN, CODE_RULE

#: Plain labels and help for each setting, also used to name the fields in the history of changes.
LABELS = {
    "code": "Code",
    "name": "Name",
    "definition": "What is counted",
    "unit": "Unit",
    "decimals": "Decimal places",
    "polarity": "Which direction is good",
    "frequency": "How often figures are reported",
    "category": "Group on the scorecard",
    "owning_agency": "Owning agency",
    "outcome_area": "Outcome area for children",
    "qa_quadrant": "Quality assurance quadrant",
    "risk_themes": "Risk themes",
    "source": "Where the figures come from",
    "notes": "Notes",
    "partnership_wide": "Shown to every partner",
    "key_indicator": "Key indicator",
    "active": "In use",
    "due_days": "Figures due (days after each period ends)",
}
HELP = {
    "code": f"The indicator's short reference, used in addresses, imports and exports. {CODE_RULE} "
    "It cannot be changed later.",
    "definition": "What is counted, how, and from which source, as a reader of the scorecard needs it.",
    "unit": "Changing it does not convert figures already entered.",
    "decimals": "How many decimal places figures are shown to (0 to 4; the DfE gives percentages to 1).",
    "polarity": "Decides the colours: whether a rising figure is good news, bad news, or neither.",
    "owning_agency": "The agency whose figure this is. Its leads and contributors may enter figures.",
    "partnership_wide": "Untick for a single-agency figure: then only the owning agency, PAQA, "
    "the business unit and the board see it.",
    "key_indicator": "Key indicators get a run chart with their variation and assurance icons in the annual report.",
    "active": "Untick to take the indicator off the scorecard; its figures and history are kept.",
    "due_days": "Agencies are reminded a week before, on the due day, and chased afterwards.",
}
REQUIRED = {
    "code": "Give the indicator a code.",
    "name": "Give the indicator a name.",
    "definition": "Say what is counted.",
    "unit": "Choose the unit.",
    "decimals": "Give the number of decimal places (0 to 4).",
    "polarity": "Choose which direction is good.",
    "frequency": "Choose how often figures are reported.",
    "category": "Choose the group on the scorecard.",
    "due_days": "Give the number of days after each period ends.",
}
NONE_CHOSEN = "Not set"


class IndicatorSettingsForm(forms.Form):
    name = forms.CharField(max_length=200)
    definition = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.ChoiceField(choices=Unit.choices)
    decimals = forms.IntegerField(min_value=0, max_value=4, initial=1)
    polarity = forms.ChoiceField(choices=POLARITY_CHOICES, widget=forms.RadioSelect)
    frequency = forms.ChoiceField(choices=Frequency.choices)
    category = forms.ChoiceField(choices=Category.choices, initial=Category.OTHER)
    owning_agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(active=True).order_by("name"), required=False, empty_label="No single agency"
    )
    outcome_area = forms.ModelChoiceField(queryset=OutcomeArea.objects.all(), required=False, empty_label=NONE_CHOSEN)
    qa_quadrant = forms.ModelChoiceField(queryset=QAQuadrant.objects.all(), required=False, empty_label=NONE_CHOSEN)
    risk_themes = forms.ModelMultipleChoiceField(
        queryset=RiskTheme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    source = forms.CharField(max_length=300, required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    partnership_wide = forms.BooleanField(required=False, initial=True)
    key_indicator = forms.BooleanField(required=False)
    active = forms.BooleanField(required=False, initial=True)
    due_days = forms.IntegerField(min_value=0, max_value=365, initial=20)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.label = LABELS.get(name, field.label)
            field.help_text = HELP.get(name, "")
            if name in REQUIRED:
                field.error_messages["required"] = REQUIRED[name]
        self.fields["decimals"].error_messages.update(
            {"min_value": "Use 0 to 4 decimal places.", "max_value": "Use 0 to 4 decimal places."}
        )
        self.fields["due_days"].error_messages.update(
            {"max_value": "Give a number of days from 0 to 365.", "min_value": "Give a number of days from 0 to 365."}
        )

    def settings(self) -> dict:
        """The cleaned values as the services take them."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "code")}


class NewIndicatorForm(IndicatorSettingsForm):
    code = forms.CharField(max_length=60)
    field_order = ["code", "name"]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not CODE_PATTERN.match(code):
            raise forms.ValidationError(f"“{code}” cannot be a code. {CODE_RULE}")
        return code


class SubmitterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.filter(active=True).order_by("name"),
        empty_label="Choose an agency",
        help_text="Choosing an agency that already submits changes its responsible person.",
    )
    responsible = forms.ModelChoiceField(
        label="Responsible person",
        queryset=get_user_model().objects.filter(is_active=True, agency__isnull=False).select_related("agency"),
        required=False,
        empty_label="No one named",
        help_text="A person of that agency. They are reminded when the agency's figure is due and chased when it is late.",
    )
    expected_from = forms.DateField(
        label="First period returned in the portal (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty when every period is returned here; earlier figures came another way.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].label_from_instance = lambda person: (
            f"{person.get_full_name() or person.username} ({person.agency.name})"
        )
