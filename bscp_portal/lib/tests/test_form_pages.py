"""A form page described once: what its form starts from, what the service is given, and where saving goes."""

import datetime as dt
from types import SimpleNamespace

from django import forms
from django.http import HttpResponse, QueryDict
from django.test import RequestFactory

from bscp_portal.lib.form_pages import FormPage


class NoteForm(forms.Form):
    text = forms.CharField()
    due = forms.DateField(required=False)


class Record(SimpleNamespace):
    def get_absolute_url(self):
        return f"/things/{self.pk}/"


def _shown(request, form, save, **said):
    """The strand's page function: records what it was given and, when the form is valid, saves."""
    said["form"] = form
    said["saved"] = save() if form.is_valid() else None
    response = HttpResponse("page")
    response.said = said
    return response


def _calls():
    made = []

    def service(**arguments):
        made.append(arguments)
        return "made"

    return made, service


def test_it_gives_the_service_the_record_the_person_and_what_was_typed():
    made, service = _calls()
    page = FormPage(NoteForm, service, "thing", "Saved.", {"title": "Note on {thing.title}", "submit": "Add"})
    thing = Record(pk=3, title="Neglect", text="old")
    request = RequestFactory().post("/")
    request.user = "someone"
    response = page.serve(request, thing, page=_shown, data=QueryDict("text=New"))
    assert made == [{"thing": thing, "by": "someone", "text": "New", "due": None}]
    assert response.said["title"] == "Note on Neglect"
    assert response.said["submit"] == "Add"
    assert response.said["success_message"] == "Saved."
    assert response.said["redirect_to"] is thing


def test_the_form_starts_from_the_records_fields_and_from_what_the_view_adds():
    _, service = _calls()
    page = FormPage(
        NoteForm, service, "thing", initial=("text",), initial_from=lambda thing: {"due": thing.when}, anchor="notes"
    )
    thing = Record(pk=3, text="old", when=dt.date(2026, 4, 1))
    response = page.serve(RequestFactory().get("/"), thing, page=_shown, data=None, initial={"text": "asked"})
    form = response.said["form"]
    assert form.initial == {"text": "asked", "due": dt.date(2026, 4, 1)}
    assert not form.is_bound
    assert response.said["redirect_to"] == "/things/3/#notes"


def test_a_page_that_makes_a_record_goes_where_the_service_says_and_keeps_its_words_as_written():
    made, service = _calls()
    page = FormPage(NoteForm, service, None, lambda made: f"{made} was added.", {"title": "A new {thing}"})
    request = RequestFactory().post("/")
    request.user = "someone"
    response = page.serve(request, page=_shown, data=QueryDict("text=New"), redirect_to="/elsewhere/")
    assert made == [{"by": "someone", "text": "New", "due": None}]
    assert response.said["title"] == "A new {thing}"
    assert response.said["redirect_to"] == "/elsewhere/"
    assert response.said["success_message"]("it") == "it was added."


def test_the_service_may_name_the_person_otherwise_or_not_be_told():
    made, service = _calls()
    request = RequestFactory().post("/")
    request.user = "someone"
    FormPage(NoteForm, service, None, person_as="requested_by").serve(request, page=_shown, data=QueryDict("text=A"))
    FormPage(NoteForm, service, None, person_as=None).serve(request, page=_shown, data=QueryDict("text=B"))
    assert made == [{"requested_by": "someone", "text": "A", "due": None}, {"text": "B", "due": None}]


def test_a_refused_form_answers_with_the_status_given_once_the_save_was_tried():
    _, service = _calls()
    page = FormPage(NoteForm, service, "thing", refused_status=400)
    thing = Record(pk=3)
    refused = page.serve(RequestFactory().post("/"), thing, page=_shown, data=QueryDict("text="))
    assert refused.said["status"]() == 400
    shown = page.serve(RequestFactory().get("/"), thing, page=_shown, data=None)
    assert shown.said["status"]() == 200
