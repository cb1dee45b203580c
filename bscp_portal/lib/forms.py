"""Saving a form through a service: the one way every strand's create and edit pages do it.

A view builds its form, then hands the write to `save_through_service`:

    form = ThingForm(request.POST or None, initial=...)
    done = save_through_service(
        request,
        form,
        lambda: services.thing_update(thing=thing, by=request.user, **form.cleaned_data),
        success_message="The thing was saved.",
        redirect_to=thing,                      # or a URL, or a callable given the service's result
        stale_message=STALE,                    # what to say when someone else saved first
        current_version=thing,                  # the record: its stored version (or a callable giving one)
    )
    if done:
        return done
    return render(request, "thing/form.html", {"form": form})

or, when the page is only the form and its context, in one call:
`return save_or_render(request, form, save, template="thing/form.html", context={...}, ...)`.

On GET, or when the form is invalid, nothing is called and None comes back (render the form).
A service's `ValidationError` is shown beside the fields it names (else at the top of the
form); `StaleEdit` keeps what the user typed and says someone else saved first. On success a
message is flashed and the redirect returned.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from bscp_portal.lib.concurrency import StaleEdit, stored_version

STALE_MESSAGE = (
    "Someone else saved this while you were working on it, so your change was not saved. "
    "What you typed is kept below: check it against their version and save again."
)


def declared_data(form: BaseForm) -> dict:
    """What a form's own fields hold (those its class declares), without the fields it adds one per
    row (an agency, a standard, a criterion): the service's other arguments beside the rows' answers
    the form gathers itself, as in `services.x(thing=thing, by=user, answers=form.answers(),
    **declared_data(form))`."""
    return {name: form.cleaned_data[name] for name in form.base_fields if name in form.fields}


def opened_version(form: BaseForm) -> int:
    """The version an edit form was opened at: a form opened before the record kept versions (no
    version sent) counts as version 0, so the service refuses it as out of date instead of saving
    over someone's change unchecked."""
    return form.cleaned_data.get("version") or 0


def edit_data(form: BaseForm) -> dict:
    """An edit form's cleaned data for its service, with the version it was opened at."""
    return {**form.cleaned_data, "version": opened_version(form)}


def apply_service_errors(
    form: BaseForm, exc: ValidationError, *, field: str | None = None, rename: Callable[[str], str] | None = None
) -> None:
    """Put a service's ValidationError beside the fields it names, or at the top of the form.

    `field` sends every message to that one field (say, the file of an upload); `rename` maps a
    service's field name onto the form's where they differ. Names the form lacks go to the top.
    """
    if field is not None:
        form.add_error(field, exc.messages)
        return
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.error_dict.items():
        target = rename(name) if rename and name != "__all__" else name
        form.add_error(target if target in form.fields else None, [m for e in errors for m in e.messages])


def keep_typed_after_stale(form: BaseForm, *, current_version: int, message: str, field: str = "version") -> None:
    """After a save refused as stale: keep the user's input, move the form to the record's
    current version and say why, so that saving again is a deliberate choice."""
    data = form.data.copy()
    data[form.add_prefix(field)] = current_version
    form.data = data
    form.add_error(None, message)


def save_through_service(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[], Any],
    *,
    success_message: str | Callable[[Any], str] = "",
    redirect_to: Any = None,
    stale_message: str | Callable[[], str] = STALE_MESSAGE,
    current_version: Model | Callable[[], int] | None = None,
    errors_to: str | None = None,
    rename: Callable[[str], str] | None = None,
    respond: Callable[[Any], HttpResponse] | None = None,
) -> HttpResponse | None:
    """Validate, call the service, and redirect; None when the form is to be shown again.

    `save` takes no arguments (read `form.cleaned_data` inside it) and returns what the service
    returns; `success_message` and `redirect_to` may be callables given that result. With
    `current_version` (the record, or a callable giving its version), a stale save also moves the
    form to the stored version so the next save replaces the other person's; without it, the form
    keeps the version it was opened at.
    `stale_message` may be a callable (called after `current_version`, so it can name who saved).
    A form refused as stale has `form.stale_edit = True`, for pages that show the other version.
    `errors_to` and `rename` are passed to `apply_service_errors`. `respond`, given the result,
    answers instead of the redirect (a thank-you page, a message of another kind).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save()
    except StaleEdit:
        form.stale_edit = True
        if isinstance(current_version, Model):
            version = stored_version(current_version)
        else:
            version = None if current_version is None else current_version()
        message = stale_message() if callable(stale_message) else stale_message
        if version is None:
            form.add_error(None, message)
        else:
            keep_typed_after_stale(form, current_version=version, message=message)
        return None
    except ValidationError as exc:
        apply_service_errors(form, exc, field=errors_to, rename=rename)
        return None
    text = success_message(result) if callable(success_message) else success_message
    if text:
        messages.success(request, text)
    if respond is not None:
        return respond(result)
    target = redirect_to(result) if callable(redirect_to) else redirect_to
    if target is None:
        target = result
    return redirect(target)


def save_or_render(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[], Any],
    *,
    template: str,
    context: dict | Callable[[], dict] | None = None,
    status: int | Callable[[], int] = 200,
    **options: Any,
) -> HttpResponse:
    """`save_through_service` (given `options`), else `template` again with the form as `form`
    and `context`: a create or edit page whose view keeps only what differs. `context` and
    `status` may be callables, called only when the form is shown (after a refused save), for
    what costs queries or depends on the form's errors."""
    done = save_through_service(request, form, save, **options)
    if done:
        return done
    extra = context() if callable(context) else context or {}
    return render(request, template, {"form": form, **extra}, status=status() if callable(status) else status)


def act_through_service(
    request: HttpRequest,
    act: Callable[[], Any],
    *,
    success_message: str | Callable[[Any], str] = "",
    redirect_to: Any,
    refused_prefix: str = "",
    refused_to: Any = None,
    stale_message: str | None = None,
) -> HttpResponse:
    """A button that calls one service: on POST, call `act`; say what was done, or why the service
    refused (its ValidationError, after `refused_prefix`), and go back to `redirect_to`. Any other
    method calls nothing and just goes back. `success_message` and `redirect_to` may be callables
    given what the service returned; a refusal then goes to `refused_to` (which defaults to
    `redirect_to` when that is not a callable). With `stale_message`, a StaleEdit is refused with
    that message too."""
    back = redirect_to if refused_to is None else refused_to
    if request.method != "POST":
        return redirect(back)
    try:
        result = act()
    except ValidationError as exc:
        messages.error(request, refused_prefix + " ".join(exc.messages))
        return redirect(back)
    except StaleEdit:
        if stale_message is None:
            raise
        messages.error(request, stale_message)
        return redirect(back)
    text = success_message(result) if callable(success_message) else success_message
    if text:
        messages.success(request, text)
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
