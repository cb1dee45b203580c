"""Figures PAQA can ask about (partnership.registry) that stand on one agency's record (an
audit, a Section 11 return), referenced as "<prefix>-<pk>" of the record they come from."""

from partnership.registry import Figure


def record_named(ref: str, prefix: str, records):
    """The record "<prefix>-<pk>" names among `records` (already narrowed to what the reader may
    see), or None when the reference is not of that form or names nothing there."""
    pk = ref.removeprefix(f"{prefix}-")
    if pk == ref or not pk.isdigit():
        return None
    return records.filter(pk=int(pk)).first()


def figure_on(record, *, kind: str, ref: str, label: str) -> Figure:
    """The figure as shown on `record`'s page, which belongs to one agency."""
    return Figure(kind=kind, ref=ref, label=label, url=record.get_absolute_url(), agency_id=record.agency_id)
