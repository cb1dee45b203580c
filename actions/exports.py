"""CSV and XLSX exports of the filtered action list (the columns are in docs/formats.md)."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models.functions import TruncDate
from django.utils import timezone

from actions import rules
from actions.models import Action
from bscp_portal.lib.exports import Column, respond
from partnership.security import log_event

_FIELDS = [
    "pk",
    "description",
    "measure",
    "owner__first_name",
    "owner__last_name",
    "owner__username",
    "agency__name",
    "subcommittee__name",
    "source_type_id",
    "source_label",
    "due_date",
    "priority",
    "status",
    "completed_on",
]


def columns(*, today: dt.date | None = None) -> list[Column]:
    """The export's columns over `rows()` records; "overdue" is judged on `today`."""
    today = today or timezone.localdate()
    priorities = dict(Action.Priority.choices)
    statuses = dict(Action.Status.choices)
    kinds: dict = {None: ""}

    def kind(row):
        # Source kinds come from the content-type cache (no query per row).
        if row["source_type_id"] not in kinds:
            model = ContentType.objects.get_for_id(row["source_type_id"]).model_class()
            kinds[row["source_type_id"]] = model._meta.verbose_name if model else ""
        return kinds[row["source_type_id"]]

    def on_time(row):
        return None if row["completed_on"] is None else rules.completed_on_time(row["due_date"], row["completed_on"])

    return [
        Column("Number", lambda r: r["pk"]),
        Column.field(Action, "description", key="description"),
        Column.field(Action, "measure", key="measure"),
        Column.field(
            Action,
            "owner",
            lambda r: f"{r['owner__first_name']} {r['owner__last_name']}".strip() or r["owner__username"],
        ),
        Column.field(Action, "agency", key="agency__name"),
        Column.field(Action, "subcommittee", key="subcommittee__name"),
        Column("Linked record kind", kind),
        Column("Linked record", lambda r: r["source_label"]),
        Column.field(Action, "due_date", key="due_date"),
        Column.field(Action, "priority", lambda r: priorities.get(r["priority"], r["priority"])),
        Column.field(Action, "status", lambda r: statuses.get(r["status"], r["status"])),
        Column("Overdue", lambda r: r["status"] in rules.OPEN_STATUSES and r["due_date"] < today),
        Column("Completed on", lambda r: r["completed_on"]),
        Column("Completed on time", on_time),
    ]


def rows(queryset):
    """One dict per action, earliest due first: one query (fetched whole: one round trip beats a
    server-side cursor's many at these sizes); the completion date is computed by the database
    (in the portal's time zone)."""
    return queryset.order_by("due_date", "pk").annotate(completed_on=TruncDate("completed_at")).values(*_FIELDS)


def export_response(request, queryset, *, fmt: str):
    """The filtered actions as a streamed CSV or XLSX (404 for another format), or over
    EXPORT_BACKGROUND_ROWS rows a job built in the background; logged."""
    count = queryset.count()
    response = respond(
        fmt=fmt,
        filename=f"actions-{timezone.localdate().isoformat()}",
        columns=columns(),
        rows=rows(queryset),
        sheet="Actions",
        request=request,
        count=count,
    )
    log_event(request, "export", detail=f"actions {fmt}: {count} rows; filters {request.GET.urlencode()}"[:500])
    return response
