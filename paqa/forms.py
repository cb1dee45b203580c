from django import forms

from paqa import rules
from partnership.models import Agency

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class QuestionRaiseForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Addressed to", queryset=Agency.objects.filter(active=True), empty_label="Choose the agency"
    )
    text = forms.CharField(label="Question", widget=forms.Textarea(attrs={"rows": 4}))
    due_on = forms.DateField(label="Answer due by", widget=DATE)


class QuestionAnswerForm(forms.Form):
    text = forms.CharField(label="Your answer", widget=forms.Textarea(attrs={"rows": 4}))


class QuestionReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="PAQA's view",
        choices=[(rules.ACCEPTED, "Accept the answer and close the question"), (rules.ASKED_AGAIN, "Ask again")],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label="What PAQA asks now (when asking again)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_on = forms.DateField(label="New due date (when asking again)", required=False, widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)


class DatasetReviewForm(forms.Form):
    principles = forms.MultipleChoiceField(
        label="Guiding principles the indicator meets",
        choices=list(rules.PRINCIPLES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decision = forms.ChoiceField(
        label="PAQA's decision", choices=list(rules.DECISION_LABELS.items()), widget=forms.RadioSelect
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    note = forms.CharField(
        label="What changes (when keeping with a change)",
        help_text="Shown beside the indicator on next year's scorecard.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
