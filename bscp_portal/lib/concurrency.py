"""Optimistic locking: each editable record carries a `version`; a save claims the next one.

A service that edits a record takes the version the user's form was opened at and calls
`claim_version`; the second of two people saving the same record gets `StaleEdit`, which
`bscp_portal.lib.forms.save_through_service` turns into "someone else saved first" while
keeping what they typed.
"""

from django.db.models import F, Model


class StaleEdit(Exception):
    """Someone else saved the record since this user opened it."""


def claim_version(model: type[Model], obj_or_pk, version: int | None, *, field: str = "version") -> int:
    """Bump the stored version if it is still `version`, else raise StaleEdit; returns the new one.

    `version=None` bumps without checking (a write that cannot conflict, such as a system change).
    The object passed, when it is one, is given the new version so it can be saved again.
    """
    pk = getattr(obj_or_pk, "pk", obj_or_pk)
    rows = model._default_manager.filter(pk=pk)
    if version is not None:
        rows = rows.filter(**{field: version})
    if not rows.update(**{field: F(field) + 1}):
        raise StaleEdit()
    if version is not None:
        new = version + 1
    else:
        new = model._default_manager.filter(pk=pk).values_list(field, flat=True).get()
    if isinstance(obj_or_pk, Model):
        setattr(obj_or_pk, field, new)
    return new


def stored_version(record: Model, *, field: str = "version") -> int:
    """The version saved for `record` now (0 if it is gone): where a form refused as stale moves to."""
    return type(record)._default_manager.filter(pk=record.pk).values_list(field, flat=True).first() or 0


def update_versioned(
    obj: Model,
    *,
    version: int | None,
    fields: dict,
    related: dict | None = None,
    exclude: tuple[str, ...] = (),
    strip: bool = False,
) -> Model:
    """The edit every versioned update ends with: claim the version (StaleEdit if someone else
    saved first), set `fields` (stripping text when `strip`), check the model (bar `exclude`) and
    save; then set each many-to-many relation in `related` whose value is not None."""
    claim_version(type(obj), obj, version)
    for name, value in fields.items():
        setattr(obj, name, value.strip() if strip and isinstance(value, str) else value)
    obj.full_clean(exclude=list(exclude) or None)
    obj.save()
    for name, values in (related or {}).items():
        if values is not None:
            getattr(obj, name).set(values)
    return obj
