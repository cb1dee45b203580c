from django import forms
from django.core.exceptions import ValidationError

from bscp_portal.lib.uploads import MultipleFileField
from partnership.access import BUSINESS_UNIT, PAQA
from partnership.models import User
from section11 import scoring
from section11.models import Rating, Return, Round, StandardSet

RATING_CHOICES = [("", "Not rated yet"), *Rating.choices]
#: The names of the rating and the note a form holds for each criterion, and for each standard a reviewer rates.
CRITERION_FIELDS = ("criterion_{n}", "criterion_{n}_note")
REVIEW_FIELDS = ("rating_{n}", "comment_{n}")


def _add_rated(form, n: int, names, *, rating_label: str, note: forms.CharField, values: tuple[str, str]) -> None:
    """A rating and a note for item `n` (a criterion, a standard), starting from the item's `values`."""
    rating_name, note_name = (name.format(n=n) for name in names)
    form.fields[rating_name] = forms.ChoiceField(choices=RATING_CHOICES, required=False, label=rating_label)
    form.fields[note_name] = note
    form.initial.setdefault(rating_name, values[0])
    form.initial.setdefault(note_name, values[1])


def _rated_fields(form, n: int, names) -> list:
    return [form[name.format(n=n)] for name in names]


def _rated_values(form, numbers, names) -> dict[int, tuple[str, str]]:
    """Item number -> (rating, note) as entered."""
    return {n: tuple(form.cleaned_data.get(name.format(n=n), "") for name in names) for n in numbers}


class RoundForm(forms.Form):
    name = forms.CharField(max_length=120, help_text="e.g. Section 11 self-audit 2026-27")
    period = forms.CharField(max_length=20, help_text="e.g. 2026-27")
    standard_set = forms.ModelChoiceField(StandardSet.objects.all(), label="Version of the standards")
    opens_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    deadline = forms.DateField(label="Submission deadline", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("deadline") and data["deadline"] <= data["opens_on"]:
            self.add_error("deadline", "The deadline must be after the opening date.")
        if data.get("name") and Round.objects.filter(name=data["name"]).exists():
            self.add_error("name", "A round with this name already exists.")
        return data


class StandardForm(forms.Form):
    """One standard of a return: self-rating, reasons, narrative, criteria, new evidence files."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    rating = forms.ChoiceField(choices=RATING_CHOICES, required=False, label="Self-rating for this standard")
    na_reason = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="If not applicable: why it does not apply"
    )
    narrative = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Narrative evidence",
        help_text="How your agency meets this standard, and where the evidence is.",
    )
    no_action_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="If partially or not met and you have no improvement action: why",
    )
    files = MultipleFileField(
        required=False,
        label="Add evidence files",
        help_text="PDF, Word, Excel, PowerPoint, PNG or JPEG. Checked by content.",
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for answer in self.criteria:
            n = answer.criterion.number
            note = forms.CharField(required=False, label=f"Criterion {n} note (a reason is needed if not applicable)")
            rating_label = f"Criterion {n} rating"
            _add_rated(
                self, n, CRITERION_FIELDS, rating_label=rating_label, note=note, values=(answer.rating, answer.note)
            )

    def criterion_fields(self):
        return [(a.criterion, *_rated_fields(self, a.criterion.number, CRITERION_FIELDS)) for a in self.criteria]

    def clean(self):
        data = super().clean()
        if data.get("rating") == scoring.NOT_APPLICABLE and not (data.get("na_reason") or "").strip():
            self.add_error(
                "na_reason", "Say why this standard does not apply to your agency: without a reason it cannot be N/A."
            )
        for answer in self.criteria:
            n = answer.criterion.number
            if (
                data.get(f"criterion_{n}") == scoring.NOT_APPLICABLE
                and not (data.get(f"criterion_{n}_note") or "").strip()
            ):
                self.add_error(f"criterion_{n}_note", "Say why this criterion does not apply.")
        return data

    def criteria_values(self) -> dict[int, tuple[str, str]]:
        return _rated_values(self, [a.criterion.number for a in self.criteria], CRITERION_FIELDS)


class SubmitForm(forms.Form):
    senior_manager = forms.CharField(
        max_length=200, label="Senior manager", help_text="The senior manager on whose behalf you sign."
    )
    declaration = forms.BooleanField(
        label=(
            "I declare, on behalf of the senior manager named above, that this return is an accurate account "
            "of how our agency meets the Section 11 standards."
        ),
        error_messages={"required": "Tick the declaration to submit."},
    )


class ReviewForm(forms.Form):
    """Reviewer rating and comment per standard (fields named by standard number)."""

    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="General note to the agency")

    def __init__(self, *args, responses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.responses = list(responses)
        for r in self.responses:
            n = r.standard.number
            comment = forms.CharField(
                required=False, widget=forms.Textarea(attrs={"rows": 2}), label=f"Comment on standard {n}"
            )
            rating_label = f"Reviewer rating, standard {n}"
            values = (r.reviewer_rating, r.reviewer_comment)
            _add_rated(self, n, REVIEW_FIELDS, rating_label=rating_label, note=comment, values=values)

    def rows(self):
        return [(r, *_rated_fields(self, r.standard.number, REVIEW_FIELDS)) for r in self.responses]

    def reviews(self) -> dict[int, tuple[str, str]]:
        return _rated_values(self, [r.standard.number for r in self.responses], REVIEW_FIELDS)


class SessionForm(forms.Form):
    held_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    venue = forms.CharField(max_length=200, required=False)
    panel = forms.ModelMultipleChoiceField(
        User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label="Panel members"
    )
    submissions = forms.ModelMultipleChoiceField(
        Return.objects.none(), widget=forms.CheckboxSelectMultiple, label="Agencies attending"
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="General notes")

    def __init__(self, *args, round: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = (
            User.objects.filter(is_active=True, role_assignments__role__in=[PAQA, BUSINESS_UNIT])
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["submissions"].queryset = (
            Return.objects.filter(round=round, status__in=[Return.Status.SUBMITTED, Return.Status.UNDER_CHALLENGE])
            .select_related("agency")
            .order_by("agency__name")
        )
        self.fields["submissions"].label_from_instance = lambda r: f"{r.agency} ({r.get_status_display().lower()})"
        self.fields["submissions"].error_messages["required"] = "Choose at least one agency whose return is submitted."


class OutcomeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    attendees = forms.CharField(max_length=300, required=False, label="Who attended for the agency")
    discussion = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}), label="Discussion notes")
    accept = forms.BooleanField(required=False, label="Accept the return with these agreed ratings")

    def __init__(self, *args, responses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.responses = list(responses)
        for r in self.responses:
            n = r.standard.number
            self.fields[f"agreed_{n}"] = forms.ChoiceField(
                choices=[("", "Not agreed yet"), *Rating.choices], required=False, label=f"Agreed rating, standard {n}"
            )
            self.initial.setdefault(f"agreed_{n}", r.agreed_rating or r.reviewer_rating or r.rating)

    def rows(self):
        return [(r, self[f"agreed_{r.standard.number}"]) for r in self.responses]

    def clean(self):
        data = super().clean()
        if data.get("accept"):
            missing = [str(r.standard.number) for r in self.responses if not data.get(f"agreed_{r.standard.number}")]
            if missing:
                raise ValidationError(
                    "Agree a rating for every standard before accepting (missing: " + ", ".join(missing) + ")."
                )
        return data

    def agreed(self) -> dict[int, str]:
        return {r.standard.number: self.cleaned_data.get(f"agreed_{r.standard.number}", "") for r in self.responses}


class ParticipationForm(forms.Form):
    MODES = [("required", "Must return"), ("invited", "Invited"), ("none", "Not taking part")]
    agency = forms.IntegerField(widget=forms.HiddenInput)
    mode = forms.ChoiceField(choices=MODES, label="Taking part")


class ExchangeImportForm(forms.Form):
    """An exchange file from another partnership's portal, read and checked against the schema."""

    file = forms.FileField(
        label="Exchange file (JSON)",
        help_text="The Section 11 exchange file your agency downloaded from the other partnership's portal.",
        error_messages={"required": "Choose the exchange file to import."},
    )

    def clean_file(self):
        from section11 import exchange

        upload = self.cleaned_data["file"]
        if upload.size > exchange.MAX_BYTES:
            raise ValidationError(exchange.NOT_EXCHANGE + "it is larger than 5 MB.")
        try:
            self.document = exchange.parse(upload.read())
        except exchange.ExchangeFileError as exc:
            raise ValidationError(str(exc)) from None
        return upload
