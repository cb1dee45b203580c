"""Record history (django-simple-history): its changes as a person reads them, and made cheap
to reach.

simple-history's `Model.history` descriptor builds a new manager class (`Manager.from_queryset`,
which walks every method of the queryset class) each time it is read, and it is read on every
save of every recorded model, to write the history row. That costs a few milliseconds per save,
more than the insert itself. `install()` keeps the class it builds the first time on the
descriptor and hands out managers of that one class: what `history` returns is unchanged."""

from django.core.exceptions import FieldDoesNotExist
from simple_history.manager import HistoryDescriptor

_ORIGINAL_GET = HistoryDescriptor.__get__


def _get(self, instance, owner):
    manager_class = self.__dict__.get("_manager_class_built")
    if manager_class is None:
        manager_class = self.manager_class.from_queryset(self.queryset_class)
        self.__dict__["_manager_class_built"] = manager_class
    return manager_class(self.model, instance)


def install() -> None:
    """Called once from the partnership app's ready()."""
    HistoryDescriptor.__get__ = _get


def uninstall() -> None:
    HistoryDescriptor.__get__ = _ORIGINAL_GET


def readable_changes(newer, older, *, excluded=()) -> list[tuple[str, str, str]]:
    """What changed between two history rows of one record, as (label, old, new) a person reads:
    the field's label and the values as the forms show them, leaving out `excluded` fields."""
    model = newer.instance_type
    delta = newer.diff_against(older, excluded_fields=list(excluded))
    return [_readable_change(model, c.field, c.old, c.new) for c in delta.changes]


def _readable_change(model, name: str, old, new) -> tuple[str, str, str]:
    """A change as a person reads it: the field's label, and values as the forms show them
    (a choice's label, the linked record's name, yes or no), not the database's codes."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field since removed from the model: its name is all there is
        return name.replace("_", " ").capitalize(), _plain(old), _plain(new)
    label = str(getattr(field, "verbose_name", name))
    return label[:1].upper() + label[1:], _plain_value(field, old), _plain_value(field, new)


def _plain_value(field, value) -> str:
    if value in (None, ""):
        return ""
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.many_to_one:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"(removed record {value})"
    return _plain(value)


def _plain(value) -> str:
    if value in (None, ""):
        return ""
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return str(value)
