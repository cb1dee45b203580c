from django import forms
from django.conf import settings

from bscp_portal.lib import uploads
from scorecard import dfe, tables
from scorecard.models import ChartNote, ImportBatch, Series
from scorecard.tables import parse_number, parse_value

FILE_HELP = (
    "CSV or XLSX, at most {mb} MB. If the form comes back with a message, choose the file again: "
    "browsers do not keep a chosen file."
)


class UploadField(forms.FileField):
    """A CSV or XLSX file within the size limit, checked by its content."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", FILE_HELP.format(mb=uploads.limit_bytes("spreadsheet") // 1048576))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        problem = uploads.size_problem(upload.name, upload.size, "spreadsheet")
        if problem:
            raise forms.ValidationError(problem)
        upload.seek(0)
        head = upload.read(8192)
        upload.seek(0)
        try:
            tables.sniff(head)
        except tables.FileRefused as exc:
            raise forms.ValidationError(f"{upload.name}: {exc}") from exc
        return upload


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the file holds",
        choices=[(ImportBatch.Kind.MEASUREMENTS, "Measurements"), (ImportBatch.Kind.INDICATORS, "Indicators")],
        widget=forms.RadioSelect,
        initial=ImportBatch.Kind.MEASUREMENTS,
    )
    file = UploadField(label="File")

    def __init__(self, *args, may_import_indicators: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_import_indicators:
            self.fields["kind"].choices = [(ImportBatch.Kind.MEASUREMENTS, "Measurements")]


class DfeImportForm(forms.Form):
    file = UploadField(label="DfE children in need file (CSV or XLSX as published)")
    local_authority = forms.CharField(label="Local authority", max_length=120)
    region = forms.CharField(label="Region", max_length=120)
    neighbours = forms.CharField(
        label="Statistical neighbours",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One local authority per line, as named in the DfE file.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "local_authority": getattr(settings, "SCORECARD_LOCAL_AUTHORITY", "Barnsley"),
                "region": getattr(settings, "SCORECARD_REGION", "Yorkshire and The Humber"),
                "neighbours": "\n".join(dfe.default_neighbours()),
            },
        )
        super().__init__(*args, **kwargs)

    def clean_neighbours(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["neighbours"].splitlines() if line.strip()]
        if not names:
            raise forms.ValidationError("Name at least one statistical neighbour.")
        return names


class MeasurementForm(forms.Form):
    period_start = forms.DateField(label="Period start", widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label="Period end", widget=forms.DateInput(attrs={"type": "date"}))
    series = forms.ChoiceField(label="Series", choices=Series.choices, initial=Series.LOCAL)
    value = forms.CharField(
        label="Value", max_length=20, help_text="A number, or a DfE symbol when there is none: c, u, z, : or x."
    )
    numerator = forms.CharField(label="Numerator (optional)", max_length=20, required=False)
    denominator = forms.CharField(label="Denominator (optional)", max_length=20, required=False)
    note = forms.CharField(label="Note", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, may_choose_series: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_choose_series:
            self.fields["series"].choices = [(Series.LOCAL, "Local")]

    def clean_value(self):
        try:
            value, symbol = parse_value(self.cleaned_data["value"])
        except ValueError as exc:
            raise forms.ValidationError(f"Enter a number or a DfE symbol: {exc}.") from exc
        if value is None and not symbol:
            raise forms.ValidationError("Enter a number or a DfE symbol (c, u, z, :, x).")
        self.cleaned_data["symbol"] = symbol
        return value

    def _number(self, name):
        try:
            return parse_number(self.cleaned_data.get(name) or "")
        except ValueError as exc:
            raise forms.ValidationError(f"Enter a number: {exc}.") from exc

    def clean_numerator(self):
        return self._number("numerator")

    def clean_denominator(self):
        return self._number("denominator")

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", "The period cannot end before it starts.")
        return data


class ChartNoteForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of note", choices=ChartNote.Kind.choices, widget=forms.RadioSelect)
    on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label="What happened", max_length=120, help_text="Shown on the chart, for example “New front door team”."
    )


class TargetForm(forms.Form):
    value = forms.DecimalField(label="Target", max_digits=14, decimal_places=4)
    effective_from = forms.DateField(
        label="In force from", widget=forms.DateInput(attrs={"type": "date"}), help_text="Until the next target."
    )
    note = forms.CharField(label="Why this target", max_length=300, required=False)


class AgencyReturnForm(forms.Form):
    """One agency's figure: the count, or the numerator and what it is out of."""

    numerator = forms.DecimalField(label="Number", min_value=0, max_digits=14, decimal_places=4)
    denominator = forms.DecimalField(label="Out of", required=False, min_value=0, max_digits=14, decimal_places=4)
    note = forms.CharField(label="Note (optional)", required=False, max_length=500)

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        if indicator.unit == "count":
            del self.fields["denominator"]
            self.fields["numerator"].label = "Number"
        else:
            self.fields["numerator"].label = "Number counted (numerator)"
            self.fields["denominator"].label = "Out of (denominator)"
            self.fields["denominator"].required = True
            self.fields["denominator"].help_text = "The partnership figure is built from every agency's two numbers."
