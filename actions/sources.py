"""The generic link from an action to the record it came from: `app_label.model:pk` references.

A model used as an action source has a manager with `for_user(user)` and `get_absolute_url()`.
The create page pre-fills the owning agency and sub-committee from the source's `agency_id` and
`subcommittee_id` if it has them, or from an optional `action_defaults()` returning a dict with
those keys. A source with an `action_plan_refusal()` returning a reason refuses new actions
until it returns None (a multi-agency audit before the Partnership agrees its recommendations).
The action keeps `str(source)` as its source label, visible to everyone who sees the
action: a restricted record (a CDOP case) must give a `__str__` that reveals nothing.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import Http404

from partnership.access import get_visible_or_404


def source_type_key(obj_or_model) -> str:
    """'app_label.model' for a model instance or class (the `source_type` URL kwarg)."""
    meta = obj_or_model._meta
    return f"{meta.app_label}.{meta.model_name}"


def source_ref(obj) -> str:
    """'app_label.model:pk', the value of `?source=` on the create page."""
    return f"{source_type_key(obj)}:{obj.pk}"


def source_model(type_key: str):
    """The model class named by 'app_label.model', if it can be an action source; else 404."""
    app_label, _, model_name = (type_key or "").partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        raise Http404("Unknown source kind") from None
    if not hasattr(model.objects, "for_user") or not hasattr(model, "get_absolute_url"):
        raise Http404("That kind of record cannot have actions")
    return model


def parse_source_ref(ref: str) -> tuple[type, int]:
    type_key, _, pk = (ref or "").partition(":")
    if not pk.isdigit():
        raise Http404("Malformed source reference")
    return source_model(type_key), int(pk)


def visible_source_or_404(request, model, pk: int):
    """The source record if the user may see it (through its own `for_user`); else 404."""
    return get_visible_or_404(model.objects.all(), request.user, request, pk=pk)


def content_type_for(type_key: str) -> ContentType:
    model = source_model(type_key)
    return ContentType.objects.get_for_model(model)
