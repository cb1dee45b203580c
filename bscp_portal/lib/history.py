"""Record history (django-simple-history), made cheap to reach.

simple-history's `Model.history` descriptor builds a new manager class (`Manager.from_queryset`,
which walks every method of the queryset class) each time it is read, and it is read on every
save of every recorded model, to write the history row. That costs a few milliseconds per save,
more than the insert itself. `install()` keeps the class it builds the first time on the
descriptor and hands out managers of that one class: what `history` returns is unchanged."""

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
