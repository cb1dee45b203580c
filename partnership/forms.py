"""Forms for managing agencies, sub-committees, people and their access in the portal."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from partnership.models import Agency, AgencyKind, Role, S11Duty

NO_SEAT, MEMBER, CHAIR_SEAT = "", "member", "chair"
SEAT_CHOICES = [(NO_SEAT, "No seat"), (MEMBER, "Member"), (CHAIR_SEAT, "Chair")]


def _active_agencies():
    return Agency.objects.filter(active=True).order_by("name")


class AgencyField(forms.ModelChoiceField):
    """Agencies by their full name (the short name is for tables)."""

    def label_from_instance(self, obj) -> str:
        return obj.name


class AgencyChoiceForm(forms.Form):
    """Inviting someone starts with their agency: every account belongs to one."""

    agency = AgencyField(
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        label="Which agency does the person work for?",
        error_messages={"required": "Choose the person's agency.", "invalid_choice": "Choose an agency from the list."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _active_agencies()


class DetailsForm(forms.Form):
    first_name = forms.CharField(max_length=150, error_messages={"required": "Enter a first name."})
    last_name = forms.CharField(max_length=150, error_messages={"required": "Enter a last name."})
    email = forms.EmailField(
        label="E-mail address",
        error_messages={
            "required": "Enter an e-mail address.",
            "invalid": "Enter an e-mail address like name@agency.org.uk.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    job_title = forms.CharField(max_length=120, required=False)


class InviteForm(DetailsForm):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), widget=forms.HiddenInput)
    roles = forms.MultipleChoiceField(
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You can give or take away roles later, with a reason.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _active_agencies()
        self.fields["email"].help_text = "The invitation goes here, and this is the username they sign in with."


class PersonForm(DetailsForm):
    """The business unit's edit of a person: their agency too."""

    agency = AgencyField(queryset=Agency.objects.none(), empty_label="Choose an agency")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _active_agencies()


def reason_field(label: str, help_text: str, example: str) -> forms.CharField:
    """The short reason a change to someone's account needs, kept in the security log."""
    return forms.CharField(
        label=label,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text,
        error_messages={"required": f"Say why (for example, '{example}')."},
    )


class AccessForm(forms.Form):
    """Roles and sub-committee seats, changed together with one reason."""

    roles = forms.MultipleChoiceField(choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple)
    reason = reason_field(
        "Why are you making this change?", "Kept in the security log with the change.", "joined the PAQA sub-committee"
    )

    def __init__(self, *args, subcommittees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.subcommittees = list(subcommittees)
        for committee in self.subcommittees:
            self.fields[f"seat_{committee.pk}"] = forms.ChoiceField(
                label=f"Seat on {committee.name}", choices=SEAT_CHOICES, required=False
            )
        # The reason comes last, after everything it explains.
        self.order_fields([f for f in self.fields if f != "reason"] + ["reason"])

    def seats(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"seat_{c.pk}", NO_SEAT) for c in self.subcommittees}


class ReasonForm(forms.Form):
    reason = reason_field("Why?", "Kept in the security log.", "left the agency on 31 March")


class AgencyForm(forms.Form):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the agency's full name."})
    short_name = forms.CharField(max_length=60, required=False, help_text="Shown in tables, for example 'SY Police'.")
    kind = forms.ChoiceField(label="Kind of agency", choices=[("", "Choose a kind"), *AgencyKind.choices])
    statutory_partner = forms.BooleanField(label="One of the three statutory safeguarding partners", required=False)
    s11_duty = forms.ChoiceField(
        label="Section 11 duty",
        choices=[("", "Choose a duty"), *S11Duty.choices],
        help_text="Statutory and commissioned agencies must return the Section 11 self-audit; voluntary ones may.",
    )
    active = forms.BooleanField(label="Active (people can be invited to it)", required=False, initial=True)


class SubCommitteeForm(forms.Form):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the sub-committee's name."})
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    order = forms.IntegerField(
        label="Position in lists",
        min_value=0,
        max_value=32767,
        required=False,
        initial=0,
        help_text="Lower numbers come first where people choose a sub-committee; left empty, it keeps its place.",
        error_messages={"min_value": "Give a position of 0 or more.", "max_value": "Give a smaller position."},
    )
    active = forms.BooleanField(
        label="In use",
        required=False,
        initial=True,
        help_text="A sub-committee not in use is not offered for new records; old records keep it.",
    )


class NewPasswordForm(SetPasswordForm):
    """Choose a password from an invitation (Django's own checks: length, common, like your name)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Choose a password"
        self.fields["new_password2"].label = "Type the password again"
        self.fields["new_password1"].help_text = "At least 12 characters, not a common password and not like your name."
