"""Writing a record from a service's keyword fields: the names it takes, text it requires, and a new
record with its many-to-many lists (`concurrency.update_versioned` is the edit's counterpart)."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db.models import Model


def check_field_names(fields: Mapping, allowed: Iterable[str], what: str) -> None:
    """A service handed a field it does not know is a programming error: TypeError naming them."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown {what} fields: {sorted(unknown)}")


def required_text(value: str | None, field: str, message: str) -> str:
    """The text without its surrounding spaces; ValidationError({field: message}) when nothing is left."""
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message})
    return text


def create_with_related(record: Model, *, related: Mapping[str, Iterable], exclude: Iterable[str] = ()) -> Model:
    """Check the new record (bar its many-to-many fields in `related` and `exclude`), save it, then
    set each relation in `related`."""
    record.full_clean(exclude=[*related, *exclude])
    record.save()
    for name, values in related.items():
        getattr(record, name).set(values)
    return record
