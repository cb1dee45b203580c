from django import forms
from django.http import QueryDict

from partnership.concurrency import keep_typed_after_stale


class Form(forms.Form):
    title = forms.CharField()
    version = forms.IntegerField(widget=forms.HiddenInput)


def test_it_keeps_what_was_typed_and_moves_to_the_current_version():
    form = Form(QueryDict("title=Mine&version=1"))
    assert form.is_valid()
    keep_typed_after_stale(form, current_version=7, message="Someone else saved this.")
    html = form.as_p()
    assert 'value="Mine"' in html and 'value="7"' in html
    assert form.non_field_errors() == ["Someone else saved this."]
