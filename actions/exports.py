"""CSV and XLSX exports of the filtered action list (the columns are in docs/formats.md)."""

import csv
import datetime as dt
import io

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from actions import rules
from actions.models import Action
from partnership.security import log_event

COLUMNS = [
    "id",
    "description",
    "measure",
    "owner",
    "agency",
    "subcommittee",
    "source_kind",
    "source",
    "due_date",
    "priority",
    "status",
    "overdue",
    "completed_on",
    "completed_on_time",
]

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
    "completed_at",
]


def rows(queryset, *, today: dt.date | None = None):
    """One list per action, in COLUMNS order (one query, streamed; source kinds from the CT cache)."""
    today = today or timezone.localdate()
    priorities = dict(Action.Priority.choices)
    statuses = dict(Action.Status.choices)
    tz = timezone.get_current_timezone()
    kinds: dict = {}
    for (
        pk,
        description,
        measure,
        first,
        last,
        username,
        agency,
        subcommittee,
        source_type_id,
        source_label,
        due,
        priority,
        status,
        completed_at,
    ) in queryset.order_by("due_date", "pk").values_list(*_FIELDS).iterator(chunk_size=2000):
        if source_type_id and source_type_id not in kinds:
            model = ContentType.objects.get_for_id(source_type_id).model_class()
            kinds[source_type_id] = model._meta.verbose_name if model else ""
        completed_on = completed_at.astimezone(tz).date() if completed_at else None
        yield [
            pk,
            description,
            measure,
            f"{first} {last}".strip() or username,
            agency,
            subcommittee or "",
            kinds.get(source_type_id, ""),
            source_label,
            due,
            priorities.get(priority, priority),
            statuses.get(status, status),
            "yes" if rules.is_overdue(due, status, today) else "no",
            completed_on,
            "" if completed_on is None else ("yes" if rules.completed_on_time(due, completed_on) else "no"),
        ]


def export_response(request, queryset, *, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown export format")
    stamp = timezone.localdate().isoformat()
    filename = f"actions-{stamp}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        count = 0
        for row in rows(queryset):
            writer.writerow(["" if v is None else v for v in row])
            count += 1
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Actions")
        sheet.append(COLUMNS)
        count = 0
        for row in rows(queryset):
            sheet.append(row)
            count += 1
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    log_event(request, "export", detail=f"actions {fmt}: {count} rows; filters {request.GET.urlencode()}"[:500])
    return response
