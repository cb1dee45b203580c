""" "Lists": the business unit's pages for every list of values a strand keeps (late reasons,
ethnicities, methodologies...). One set of views, parameterised by the list: a strand registers
its `Lookup` model (`lookups = (...)` on its StrandConfig) and gets the list, add, edit,
take-out-of-use and delete pages here. Everyone but the business unit is refused (403)."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bscp_portal.lib import lookups
from bscp_portal.lib.forms import act_through_service, save_or_render
from partnership.access import BUSINESS_UNIT, require_role
from partnership.registry import LookupList, registry

LABELS = {
    "name": "Name",
    "help_text": "What it means (optional)",
    "order": "Position in lists",
    "active": "In use",
}


def _entry(key: str) -> LookupList:
    entry = registry.lookups.get(key)
    if entry is None:
        raise Http404("No such list.")
    return entry


def kept_on_own_page(view):
    """A list with pages of its own is changed there only: its pages here send people on."""

    @wraps(view)
    def wrapper(request, key: str, *args, **kwargs):
        entry = registry.lookups.get(key)
        if entry is not None and entry.own_page:
            messages.info(request, f"{entry.title} are added and changed on this page.")
            return redirect(entry.own_page)
        return view(request, key, *args, **kwargs)

    return wrapper


def on_value(view):
    """A page about one value of a list, for the business unit (a list with pages of its own sends
    people there): `view(request, entry, value)`, 404 for a list or a value not known."""

    @require_role(BUSINESS_UNIT)
    @kept_on_own_page
    @wraps(view)
    def page(request, key: str, pk: int):
        entry = _entry(key)
        return view(request, entry, get_object_or_404(entry.model._base_manager, pk=pk))

    return page


def value_form_class(entry: LookupList) -> type[forms.Form]:
    """A plain form with the list's fields: name, its own extra fields, help text, order, in use."""
    names = ["name", *entry.extra_fields, "help_text", "order", "active"]
    fields = forms.fields_for_model(
        entry.model,
        fields=names,
        labels=LABELS,
        widgets={"help_text": forms.Textarea(attrs={"rows": 2})},
    )
    return type(f"{entry.model.__name__}ValueForm", (forms.Form,), dict(fields))


def _values_url(entry: LookupList) -> str:
    return reverse("partnership:list_values", args=[entry.key])


@require_role(BUSINESS_UNIT)
def list_index(request):
    """Every list the business unit keeps, by strand."""
    groups: dict[str, list] = {}
    for entry in registry.lookup_lists():
        values = entry.model._base_manager.all()
        groups.setdefault(entry.group, []).append(
            {"entry": entry, "total": values.count(), "in_use": values.filter(active=True).count()}
        )
    return render(request, "partnership/lists/index.html", {"groups": groups})


@require_role(BUSINESS_UNIT)
@kept_on_own_page
def list_values(request, key: str):
    """One list: its values in order, with whether records use each."""
    entry = _entry(key)
    values = list(entry.model._base_manager.order_by(*entry.model._meta.ordering))
    used = lookups.used_ids(entry.model)
    rows = [{"value": v, "used": v.pk in used} for v in values]
    return render(request, "partnership/lists/values.html", {"entry": entry, "rows": rows})


@require_role(BUSINESS_UNIT)
@kept_on_own_page
def value_add(request, key: str):
    entry = _entry(key)
    form = value_form_class(entry)(request.POST or None, initial={"active": True})
    return save_or_render(
        request,
        form,
        lambda: lookups.lookup_create(model=entry.model, by=request.user, **form.cleaned_data),
        success_message=lambda value: f"\u201c{value.name}\u201d was added to {entry.title.lower()}.",
        redirect_to=_values_url(entry),
        template="partnership/lists/form.html",
        context=lambda: {"entry": entry, "title": f"Add to {entry.title.lower()}"},
    )


@on_value
def value_edit(request, entry: LookupList, value):
    form_class = value_form_class(entry)
    initial = {name: getattr(value, name) for name in form_class.base_fields}
    form = form_class(request.POST or None, initial=initial)
    return save_or_render(
        request,
        form,
        lambda: lookups.lookup_update(value=value, by=request.user, **form.cleaned_data),
        success_message=lambda saved: f"\u201c{saved.name}\u201d was saved.",
        redirect_to=_values_url(entry),
        template="partnership/lists/form.html",
        context={"entry": entry, "value": value, "title": f"Change \u201c{value.name}\u201d"},
    )


@require_POST
@on_value
def value_set_active(request, entry: LookupList, value):
    """Take a value out of use (no longer offered; old records keep it) or put it back."""
    active = request.POST.get("active") == "1"
    lookups.lookup_update(value=value, by=request.user, active=active)
    if active:
        messages.success(request, f"\u201c{value.name}\u201d is offered again.")
    else:
        messages.success(request, f"\u201c{value.name}\u201d is no longer offered; records that have it keep it.")
    return redirect(_values_url(entry))


@require_POST
@on_value
def value_delete(request, entry: LookupList, value):
    """Delete a value no record uses."""
    return act_through_service(
        request,
        lambda: lookups.lookup_delete(value=value, by=request.user),
        success_message=f"\u201c{value.name}\u201d was deleted.",
        redirect_to=_values_url(entry),
    )
