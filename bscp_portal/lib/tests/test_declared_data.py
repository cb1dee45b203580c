"""A form with a field per row gives its service its own fields as they are; the rows go apart."""

from django import forms

from bscp_portal.lib.forms import declared_data


class RowsForm(forms.Form):
    note = forms.CharField(required=False)
    version = forms.IntegerField()
    dropped = forms.CharField(required=False)

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["dropped"]
        self.rows = list(rows)
        for row in self.rows:
            self.fields[f"r{row}"] = forms.CharField(required=False)

    def answers(self) -> dict:
        return {row: self.cleaned_data[f"r{row}"] for row in self.rows}


def test_declared_fields_only_without_the_rows_or_a_field_taken_away():
    form = RowsForm({"note": "Seen", "version": "3", "r1": "yes", "r2": "no", "dropped": "x"}, rows=[1, 2])
    assert form.is_valid()
    assert declared_data(form) == {"note": "Seen", "version": 3}
    assert form.answers() == {1: "yes", 2: "no"}
