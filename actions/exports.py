"""CSV and XLSX exports of the filtered action list (the columns are in docs/formats.md)."""

import csv
import datetime as dt
import io

from django.contrib.contenttypes.models import ContentType
from django.db.models.functions import TruncDate
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

from actions import rules
from actions.models import Action
from bscp_portal.lib.spreadsheet import safe_cell
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

safe = safe_cell


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


def rows(queryset, *, today: dt.date | None = None):
    """One list per action, in COLUMNS order: one query (fetched whole: one round trip beats a
    server-side cursor's many at these sizes); the completion date is
    computed by the database (in the portal's time zone) and source kinds come from the
    content-type cache."""
    today = today or timezone.localdate()
    priorities = dict(Action.Priority.choices)
    statuses = dict(Action.Status.choices)
    open_statuses = rules.OPEN_STATUSES
    kinds: dict = {None: ""}
    query = queryset.order_by("due_date", "pk").annotate(completed_on=TruncDate("completed_at")).values_list(*_FIELDS)
    for (
        pk,
        description,
        measure,
        first,
        last,
        username,
        agency,
        subcommittee,
        kind,
        label,
        due,
        priority,
        status,
        done,
    ) in query:
        if kind not in kinds:
            model = ContentType.objects.get_for_id(kind).model_class()
            kinds[kind] = model._meta.verbose_name if model else ""
        yield [
            pk,
            safe(description),
            safe(measure),
            safe(f"{first} {last}".strip() or username),
            safe(agency),
            safe(subcommittee or ""),
            kinds[kind],
            safe(label),
            due,
            priorities.get(priority, priority),
            statuses.get(status, status),
            "yes" if status in open_statuses and due < today else "no",
            done,
            "" if done is None else ("yes" if rules.completed_on_time(due, done) else "no"),
        ]


def _csv_chunks(queryset, batch: int = 1000):
    """The CSV text in chunks of `batch` rows, so a long export streams instead of waiting."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for n, row in enumerate(rows(queryset), start=1):
        writer.writerow(row)  # csv writes None as an empty field
        if n % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_response(request, queryset, *, fmt: str) -> HttpResponse:
    """CSV streams (it can be long); XLSX is built whole, as the format is a zip archive."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown export format")
    filename = f"actions-{timezone.localdate().isoformat()}.{fmt}"
    count = queryset.count()
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_chunks(queryset), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Actions")
        sheet.append(COLUMNS)
        for row in rows(queryset):
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    log_event(request, "export", detail=f"actions {fmt}: {count} rows; filters {request.GET.urlencode()}"[:500])
    return response
