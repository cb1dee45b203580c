"""Forms for actions: they check what the user typed; the rules themselves live in services."""

import datetime as dt

from django import forms
from django.utils import timezone

from actions import permissions
from actions.models import Action
from bscp_portal.lib import uploads
from bscp_portal.lib.lookups import offer_in_use
from partnership.models import Agency, User

PAST_DUE_WARNING = (
    "This due date is in the past, so the action will show as overdue straight away. "
    "Tick the box below to confirm that is what you mean."
)


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj} ({obj.agency})" if obj.agency_id else str(obj)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActionForm(forms.ModelForm):
    """Create or edit the SMART parts of an action."""

    owner = OwnerChoiceField(
        queryset=User.objects.none(),
        help_text="The person accountable. They must work for the owning agency.",
        error_messages={"required": "Choose who owns this action."},
    )
    confirm_past_due = forms.BooleanField(
        required=False,
        label="Yes, the due date is in the past",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Action
        fields = ["description", "measure", "agency", "owner", "subcommittee", "resources", "due_date", "priority"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measure": forms.Textarea(attrs={"rows": 3}),
            "resources": forms.Textarea(attrs={"rows": 2}),
            "due_date": DateInput(),
        }
        error_messages = {
            "description": {"required": "Say what will be done."},
            "measure": {"required": "Say how success will be measured."},
            "agency": {"required": "Choose the owning agency."},
            "due_date": {"required": "Give a due date.", "invalid": "Enter the due date as a date, e.g. 31/03/2027."},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        agencies = Agency.objects.filter(active=True)
        people = User.objects.filter(is_active=True, agency__isnull=False).select_related("agency")
        if not permissions.creates_for_any_agency(user):
            agencies = agencies.filter(pk=user.agency_id)
            people = people.filter(agency_id=user.agency_id)
        if self.instance.pk:  # keep the current values selectable even if now out of scope
            agencies = agencies | Agency.objects.filter(pk=self.instance.agency_id)
            people = people | User.objects.filter(pk=self.instance.owner_id).select_related("agency")
        self.fields["agency"].queryset = agencies.order_by("name")
        self.fields["owner"].queryset = people.order_by("agency__name", "last_name", "first_name")
        offer_in_use(self)
        self.fields["subcommittee"].label = "Monitoring sub-committee"
        self.fields["agency"].label = "Owning agency"

    def clean(self):
        data = super().clean()
        owner, agency = data.get("owner"), data.get("agency")
        if owner and agency and owner.agency_id != agency.pk:
            self.add_error("owner", f"{owner} works for {owner.agency}, not {agency}. Choose someone from {agency}.")
        due = data.get("due_date")
        changed_due = not self.instance.pk or "due_date" in self.changed_data
        if due and changed_due and due < timezone.localdate() and not data.get("confirm_past_due"):
            self.fields["confirm_past_due"].widget = forms.CheckboxInput()
            self.add_error("due_date", PAST_DUE_WARNING)
        return data


class ActionEditForm(ActionForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        choices=[(v, label) for v, label in Action.Status.choices if v != Action.Status.COMPLETE],
        help_text="To mark the action complete, use Sign off with evidence of its outcome.",
    )

    reason = forms.CharField(
        label="Reason for moving the due date or withdrawing",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed only when you move the due date or withdraw the action; it stays on the action.",
    )

    class Meta(ActionForm.Meta):
        fields = [*ActionForm.Meta.fields, "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.status == Action.Status.COMPLETE:
            self.fields["status"].choices = Action.Status.choices
        self.initial.setdefault("version", self.instance.version)


class ProgressForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on_date = forms.DateField(
        label="Date of update",
        widget=DateInput(),
        error_messages={"required": "Give the date of this update.", "invalid": "Enter a date."},
    )
    note = forms.CharField(
        label="What has happened",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write what has happened."},
    )

    def clean_on_date(self) -> dt.date:
        value = self.cleaned_data["on_date"]
        if value > timezone.localdate():
            raise forms.ValidationError("A progress update cannot be dated in the future.")
        return value


class SignOffForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    evidence = forms.CharField(
        label="Evidence of outcome",
        required=False,  # the rule (and its message) lives in actions.rules.sign_off_problem
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What changed for children, families or practice, and how you know: not only that the task was done.",
    )
    files = uploads.MultipleFileField(
        label="Supporting files (optional)",
        required=False,
        help_text="PDF, Word, Excel, PowerPoint or image files. If the form shows an error, choose the files again: browsers do not keep them.",
    )

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        for f in files:
            uploads.check_upload(f, "document")
        return files


class ReopenForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why is it being reopened?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
