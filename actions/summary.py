"""Actions in the annual report and on the cross-strand dashboard (plain numbers and lists)."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from actions import rules
from actions.models import Action
from bscp_portal.lib.rounding import percent_number


def _day_end(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def annual_summary(*, start: dt.date, end: dt.date, user) -> dict:
    """Actions over [start, end] as the user may see them. Keys:

    - `created`: actions recorded in the period (int);
    - `signed_off`, `signed_off_on_time`, `signed_off_late`: signed off in the period (ints);
    - `on_time_pct`: share of those signed off on or before their due date, 1 dp; None when
      none were signed off (no data, not 0%);
    - `open_at_end`, `overdue_at_end`: recorded by `end`, not signed off or withdrawn by then,
      and (for overdue) due before `end`; withdrawals are dated by their last change;
    - `by_agency`: [{"agency", "created", "signed_off", "overdue_at_end"}] for agencies with any
      of these, by name; empty list when there are none;
    - `by_source`: [{"source", "created", "signed_off"}] by kind of source record ("No source"
      for actions recorded directly); empty list when there are none.
    """
    after_start = _day_end(start - dt.timedelta(days=1))
    before_end = _day_end(end)
    created = Q(created_at__gte=after_start, created_at__lt=before_end)
    signed = Q(status=Action.Status.COMPLETE, completed_at__gte=after_start, completed_at__lt=before_end)
    on_time = signed & Q(completed_at__date__lte=F("due_date"))
    still_open = (
        Q(created_at__lt=before_end)
        & ~Q(status=Action.Status.WITHDRAWN, updated_at__lt=before_end)
        & (Q(completed_at__isnull=True) | Q(completed_at__gte=before_end))
    )
    counts = {
        "created": Count("pk", filter=created),
        "signed_off": Count("pk", filter=signed),
        "signed_off_on_time": Count("pk", filter=on_time),
        "open_at_end": Count("pk", filter=still_open),
        "overdue_at_end": Count("pk", filter=still_open & Q(due_date__lt=end)),
    }
    base = Action.objects.for_user(user).order_by()
    totals = base.aggregate(**counts)
    totals["signed_off_late"] = totals["signed_off"] - totals["signed_off_on_time"]
    totals["on_time_pct"] = percent_number(totals["signed_off_on_time"], totals["signed_off"])
    by_agency = [
        {
            "agency": row["agency__name"],
            "created": row["created"],
            "signed_off": row["signed_off"],
            "overdue_at_end": row["overdue_at_end"],
        }
        for row in base.values("agency__name").annotate(**counts).order_by("agency__name")
        if row["created"] or row["signed_off"] or row["overdue_at_end"]
    ]
    by_source = []
    for row in base.values("source_type_id").annotate(**counts).order_by("source_type_id"):
        if not (row["created"] or row["signed_off"]):
            continue
        model = ContentType.objects.get_for_id(row["source_type_id"]).model_class() if row["source_type_id"] else None
        label = model._meta.verbose_name.capitalize() if model else "No source"
        by_source.append({"source": label, "created": row["created"], "signed_off": row["signed_off"]})
    by_source.sort(key=lambda r: r["source"])
    return {**totals, "by_agency": by_agency, "by_source": by_source}


def dashboard_tile(*, user) -> dict:
    """Headline figures now: open, overdue, and the on-time share of the last 12 months' sign-offs."""
    today = timezone.localdate()
    visible = Action.objects.for_user(user).order_by()
    # Two queries, each reading only the rows it counts from an index (status, due date; status,
    # sign-off time, due date), not every action ever recorded: the tile shows three numbers, not
    # the annual summary's groupings. The year's sign-offs are counted as annual_summary counts them.
    now = visible.filter(status__in=rules.OPEN_STATUSES).aggregate(
        open=Count("*"), overdue=Count("due_date", filter=Q(due_date__lt=today))
    )
    now |= visible.filter(
        status=Action.Status.COMPLETE,
        completed_at__gte=_day_end(today - dt.timedelta(days=365)),
        completed_at__lt=_day_end(today),
    ).aggregate(signed_off=Count("*"), on_time=Count("due_date", filter=Q(completed_at__date__lte=F("due_date"))))
    year = {"on_time_pct": percent_number(now["on_time"], now["signed_off"])}
    from bscp_portal.lib.periods import as_at_text

    return {
        "title": "Actions",
        "url": reverse("actions:dashboard"),
        "period": f"Open and overdue {as_at_text(today)}; sign-offs in the 12 months to {today:%-d %B %Y}",
        "source": "Partnership and agency action plans",
        # (label, value): counts are real zeros; the percentage is None when nothing was signed off.
        "figures": [
            {"label": "Open actions", "value": now["open"], "href": reverse("actions:dashboard")},
            {"label": "Overdue actions", "value": now["overdue"], "href": reverse("actions:dashboard")},
            ("Signed off on time, last 12 months (%)", year["on_time_pct"]),
        ],
    }
