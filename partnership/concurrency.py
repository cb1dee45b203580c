"""Concurrent edits: the second saver is told, and keeps what they typed."""


def keep_typed_after_stale(form, *, current_version: int, message: str, field: str = "version") -> None:
    """After a save refused as stale: keep the user's input, move the form to the record's
    current version and say why, so that saving again is a deliberate choice."""
    data = form.data.copy()
    data[form.add_prefix(field)] = current_version
    form.data = data
    form.add_error(None, message)
