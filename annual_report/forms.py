from django import forms

from annual_report.models import Narrative


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label="Narrative",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=(
            "Write in paragraphs, with a blank line between them. Two stars around words make them "
            "bold (**like this**) and one star italic (*like this*); a line starting with - is a "
            "list item; a link is written as [the words to show](https://the-address)."
        ),
    )
    status = forms.ChoiceField(
        label="State",
        choices=[(Narrative.Status.DRAFT, "Draft"), (Narrative.Status.SUBMITTED, "Submit for approval")],
        help_text="Another member of the business unit approves a submitted narrative.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GenerateForm(forms.Form):
    period = forms.CharField(label="Financial year", max_length=7, help_text="For example 2024-25.")


class CommentForm(forms.Form):
    text = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
