"""Saving a form through a service: what the person sees for each outcome of the service."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.test import RequestFactory

from bscp_portal.lib.concurrency import StaleEdit
from bscp_portal.lib.forms import (
    STALE_MESSAGE,
    act_through_service,
    apply_service_errors,
    edit_data,
    keep_typed_after_stale,
    opened_version,
    save_or_render,
    save_through_service,
)


class Form(forms.Form):
    title = forms.CharField()
    due = forms.DateField(required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


def _request(method: str = "post", data: str = "title=Mine&version=1"):
    request = getattr(RequestFactory(), method)("/", QueryDict(data) if method == "post" else None)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _said(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


def _raise(exc):
    def call():
        raise exc

    return call


def test_it_keeps_what_was_typed_and_moves_to_the_current_version():
    form = Form(QueryDict("title=Mine&version=1"))
    assert form.is_valid()
    keep_typed_after_stale(form, current_version=7, message="Someone else saved this.")
    html = form.as_p()
    assert 'value="Mine"' in html and 'value="7"' in html
    assert form.non_field_errors() == ["Someone else saved this."]


def test_it_puts_a_field_error_beside_its_field():
    form = Form(QueryDict("title=Mine&version=1"))
    form.is_valid()
    apply_service_errors(form, ValidationError({"due": "The due date cannot be in the past."}))
    assert form.errors["due"] == ["The due date cannot be in the past."]
    assert form.non_field_errors() == []


def test_it_puts_errors_for_fields_the_form_lacks_at_the_top():
    form = Form(QueryDict("title=Mine&version=1"))
    form.is_valid()
    apply_service_errors(form, ValidationError({"owner": "Choose an owner.", "__all__": "Not now."}))
    assert sorted(form.non_field_errors()) == ["Choose an owner.", "Not now."]


def test_it_puts_a_plain_error_at_the_top():
    form = Form(QueryDict("title=Mine&version=1"))
    form.is_valid()
    apply_service_errors(form, ValidationError(["This return cannot be changed now.", "Ask the lead."]))
    assert form.non_field_errors() == ["This return cannot be changed now.", "Ask the lead."]


def test_it_can_send_every_error_to_one_field():
    form = Form(QueryDict("title=Mine&version=1"))
    form.is_valid()
    apply_service_errors(form, ValidationError({"row 3": "Not a number."}), field="title")
    assert form.errors["title"] == ["Not a number."]


def test_it_renames_service_fields_onto_form_fields():
    form = Form(QueryDict("title=Mine&version=1"))
    form.is_valid()
    apply_service_errors(form, ValidationError({"name": "Too long."}), rename=lambda f: "title" if f == "name" else f)
    assert form.errors["title"] == ["Too long."]


def test_it_calls_nothing_on_a_get():
    request = _request("get")
    calls = []
    assert save_through_service(request, Form(None), lambda: calls.append(1)) is None
    assert calls == []


def test_it_calls_nothing_when_the_form_is_invalid():
    request = _request(data="title=&version=1")
    form = Form(request.POST)
    calls = []
    assert save_through_service(request, form, lambda: calls.append(1), redirect_to="/done/") is None
    assert calls == [] and form.errors["title"] == ["This field is required."]


def test_it_says_so_and_redirects_after_a_save():
    request = _request()
    form = Form(request.POST)
    response = save_through_service(request, form, lambda: "/thing/9/", success_message="Saved.")
    assert response.status_code == 302 and response.url == "/thing/9/"
    assert _said(request) == ["Saved."]


def test_it_builds_the_message_and_the_address_from_the_result():
    request = _request()
    form = Form(request.POST)
    response = save_through_service(
        request,
        form,
        lambda: 9,
        success_message=lambda pk: f"Thing {pk} was recorded.",
        redirect_to=lambda pk: f"/thing/{pk}/",
    )
    assert response.url == "/thing/9/"
    assert _said(request) == ["Thing 9 was recorded."]


def test_a_service_refusal_shows_beside_the_field_and_keeps_what_was_typed():
    request = _request(data="title=Mine&due=2020-01-01&version=1")
    form = Form(request.POST)
    result = save_through_service(
        request, form, _raise(ValidationError({"due": "The due date cannot be in the past."})), redirect_to="/x/"
    )
    assert result is None
    assert form.errors["due"] == ["The due date cannot be in the past."]
    assert 'value="Mine"' in form.as_p()
    assert _said(request) == []


def test_a_stale_save_says_someone_else_saved_first_and_keeps_what_was_typed():
    request = _request()
    form = Form(request.POST)
    assert save_through_service(request, form, _raise(StaleEdit()), redirect_to="/x/") is None
    assert form.non_field_errors() == [STALE_MESSAGE]
    assert form.stale_edit is True
    html = form.as_p()
    assert 'value="Mine"' in html and 'value="1"' in html


def test_a_stale_save_moves_to_the_stored_version_when_asked():
    request = _request()
    form = Form(request.POST)
    save_through_service(
        request,
        form,
        _raise(StaleEdit()),
        redirect_to="/x/",
        stale_message=lambda: "Sam saved first.",
        current_version=lambda: 4,
    )
    assert form.non_field_errors() == ["Sam saved first."]
    html = form.as_p()
    assert 'value="Mine"' in html and 'value="4"' in html


def test_other_errors_are_not_swallowed():
    request = _request()
    with pytest.raises(ZeroDivisionError):
        save_through_service(request, Form(request.POST), lambda: 1 / 0, redirect_to="/x/")


# --- a button that calls one service ----------------------------------------------------------


def test_a_button_calls_the_service_says_what_was_done_and_goes_back():
    request = _request()
    calls = []
    response = act_through_service(
        request, lambda: calls.append(1) or "R-7", success_message=lambda r: f"{r} was closed.", redirect_to="/back/"
    )
    assert (response.status_code, response["Location"], calls) == (302, "/back/", [1])
    assert _said(request) == ["R-7 was closed."]


def test_a_refused_button_says_why_after_the_prefix_and_goes_back():
    request = _request()
    response = act_through_service(
        request,
        _raise(ValidationError("Two actions are still open.")),
        success_message="Closed.",
        redirect_to="/back/",
        refused_prefix="This cannot be closed yet. ",
    )
    assert response["Location"] == "/back/"
    assert _said(request) == ["This cannot be closed yet. Two actions are still open."]


def test_a_get_calls_nothing_and_goes_back():
    request = _request("get")
    calls = []
    response = act_through_service(request, lambda: calls.append(1), success_message="Done.", redirect_to="/back/")
    assert (response["Location"], calls, _said(request)) == ("/back/", [], [])


def test_a_button_can_go_to_what_the_service_made_and_back_elsewhere_when_refused():
    made = act_through_service(_request(), lambda: "/made/7/", redirect_to=lambda r: r, refused_to="/start/")
    request = _request()
    refused = act_through_service(
        request, _raise(ValidationError("The round is closed.")), redirect_to=lambda r: r, refused_to="/start/"
    )
    assert (made["Location"], refused["Location"], _said(request)) == ("/made/7/", "/start/", ["The round is closed."])


def test_a_stale_button_says_the_stale_message_when_given_one():
    request = _request()
    response = act_through_service(
        request, _raise(StaleEdit()), success_message="Moved.", redirect_to="/back/", stale_message="Someone else."
    )
    assert (response["Location"], _said(request)) == ("/back/", ["Someone else."])


def test_a_stale_button_without_a_stale_message_is_not_swallowed():
    with pytest.raises(StaleEdit):
        act_through_service(_request(), _raise(StaleEdit()), redirect_to="/back/")


def test_a_save_can_answer_with_its_own_response():
    request = _request()
    response = save_through_service(
        request,
        Form(request.POST),
        lambda: "R-9",
        success_message="Saved.",
        respond=lambda r: HttpResponse(f"Thank you for {r}"),
    )
    assert (response.status_code, response.content, _said(request)) == (200, b"Thank you for R-9", ["Saved."])


def test_save_or_render_shows_the_form_again_with_its_context_when_refused():
    request = _request()
    form = Form(request.POST)
    page = {"template": "partnership/form_page.html", "context": lambda: {"title": "Change the thing"}}
    refused = _raise(ValidationError({"title": "Taken."}))
    response = save_or_render(request, form, refused, status=lambda: 400 if form.errors else 200, **page)
    body = response.content.decode()
    assert (response.status_code, form.errors["title"]) == (400, ["Taken."])
    assert "Change the thing" in body and 'value="Mine"' in body


def test_save_or_render_goes_on_after_a_save_without_building_the_page():
    request = _request()
    built = []
    response = save_or_render(
        request,
        Form(request.POST),
        lambda: "R-1",
        template="unused.html",
        context=lambda: built.append(1),
        success_message="Saved.",
        redirect_to="/x/",
    )
    assert (response["Location"], _said(request), built) == ("/x/", ["Saved."], [])


class _EditForm(forms.Form):
    title = forms.CharField()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


@pytest.mark.parametrize(("sent", "version"), [({"version": "4"}, 4), ({"version": ""}, 0), ({}, 0)])
def test_an_edit_form_goes_to_its_service_with_the_version_it_was_opened_at(sent, version):
    """A form opened before the record kept versions counts as version 0 (refused as out of date)."""
    form = _EditForm({"title": "Neglect audit", **sent})
    assert form.is_valid()
    assert opened_version(form) == version
    assert edit_data(form) == {"title": "Neglect audit", "version": version}
