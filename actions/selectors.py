"""Reads for actions: every list, export and chart starts from Action.objects.for_user(user)."""

import datetime as dt

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from actions import rules
from actions.models import Action
from actions.permissions import chaired_subcommittee_ids
from actions.widgets import FastSelect
from partnership.models import Agency, ReminderLog, SubCommittee
from partnership.reminders import reminders_about

DUE_WINDOWS = [
    ("overdue", "Overdue"),
    ("14", "Due within 14 days"),
    ("30", "Due within 30 days"),
    ("90", "Due within 90 days"),
    ("later", "Due in more than 90 days"),
]


def action_list(*, user) -> QuerySet[Action]:
    return Action.objects.for_user(user).select_related("owner", "agency", "subcommittee", "source_type")


def actions_for_source(*, source, user) -> QuerySet[Action]:
    """The action plan of one source record (audit, review, return, ...), as the user may see it."""
    return action_list(user=user).for_source(source)


def action_counts_by_source(*, sources: list, user) -> dict[int, tuple[int, int]]:
    """For records of one kind: source id -> (actions the user may see, of which open), one query.
    A record without actions is left out."""
    if not sources:
        return {}
    meta = sources[0]._meta
    rows = (
        Action.objects.for_user(user)
        .filter(
            source_type__app_label=meta.app_label,
            source_type__model=meta.model_name,
            source_id__in=[s.pk for s in sources],
        )
        .order_by()
        .values("source_id")
        .annotate(total=Count("pk"), open=Count("pk", filter=Q(status__in=rules.OPEN_STATUSES)))
    )
    return {row["source_id"]: (row["total"], row["open"]) for row in rows}


def outcome_counts_by_source(*, model, source_ids, user, today) -> dict[int, tuple[int, int, int]]:
    """For records of one kind: source id -> (actions the user may see, withdrawn ones left out;
    of which signed off complete; of which open past their due date), one query."""
    ct = ContentType.objects.get_for_model(model)
    rows = (
        Action.objects.for_user(user)
        .filter(source_type=ct, source_id__in=source_ids)
        .exclude(status=Action.Status.WITHDRAWN)
        .order_by()
        .values("source_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=Action.Status.COMPLETE)),
            overdue=Count("pk", filter=Q(status__in=rules.OPEN_STATUSES, due_date__lt=today)),
        )
    )
    return {row["source_id"]: (row["total"], row["done"], row["overdue"]) for row in rows}


def source_kinds() -> QuerySet[ContentType]:
    """The kinds of record that have actions (one query, on the source index)."""
    return ContentType.objects.filter(pk__in=Action.objects.values("source_type_id")).order_by("model")


class YesNoAny(FastSelect):
    """Any / Yes / No for a boolean filter (django-filter's BooleanWidget values)."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=(("", "Any"), ("true", "Yes"), ("false", "No")))

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        return {"true": True, "false": False, "True": True, "False": False}.get(value)

    def format_value(self, value):
        return [{True: "true", False: "false"}.get(value, "")]


class ActionFilter(django_filters.FilterSet):
    """The filters of the all-actions list, its exports and the dashboard."""

    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.none(), label="Agency", empty_label="Any agency")
    subcommittee = django_filters.ModelChoiceFilter(
        queryset=SubCommittee.objects.order_by("name"), label="Sub-committee", empty_label="Any sub-committee"
    )
    source_kind = django_filters.ModelChoiceFilter(
        field_name="source_type", queryset=ContentType.objects.none(), label="Source", empty_label="Any source"
    )
    status = django_filters.ChoiceFilter(
        choices=[("open", "Open (not started or in progress)"), *Action.Status.choices],
        label="Status",
        method="filter_status",
        empty_label="Any status",
    )
    due = django_filters.ChoiceFilter(choices=DUE_WINDOWS, label="Due", method="filter_due", empty_label="Any time")
    overdue = django_filters.BooleanFilter(
        label="Overdue only",
        method="filter_overdue",
        widget=YesNoAny,
    )
    mine = django_filters.BooleanFilter(label="Only actions I own", method="filter_mine", widget=YesNoAny)
    chaired = django_filters.BooleanFilter(
        label="Only sub-committees I chair", method="filter_chaired", widget=YesNoAny
    )

    class Meta:
        model = Action
        fields = ["agency", "subcommittee", "source_kind", "status", "due", "overdue", "mine", "chaired"]

    def __init__(self, *args, user, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.today = today or timezone.localdate()
        self.filters["agency"].queryset = Agency.objects.for_user(user).order_by("name")
        self.filters["source_kind"].queryset = source_kinds()
        if not chaired_subcommittee_ids(user):
            del self.filters["chaired"]
        for field in self.form.fields.values():
            if not isinstance(field.widget, FastSelect):
                field.widget = FastSelect(choices=field.choices)
            field.widget.attrs["class"] = "form-select form-select-sm"
        self.filters["source_kind"].field.label_from_instance = lambda ct: (
            ct.model_class()._meta.verbose_name.capitalize() if ct.model_class() else ct.model
        )

    def filter_due(self, queryset, name, value):
        today = self.today
        if value == "overdue":
            return queryset.overdue(today)
        if value == "later":
            return queryset.open().filter(due_date__gt=today + dt.timedelta(days=90))
        return queryset.open().filter(due_date__gte=today, due_date__lte=today + dt.timedelta(days=int(value)))

    def filter_overdue(self, queryset, name, value):
        if value is True:
            return queryset.overdue(self.today)
        if value is False:
            return queryset.exclude(pk__in=Action.objects.overdue(self.today).values("pk"))
        return queryset

    def filter_status(self, queryset, name, value):
        return queryset.open() if value == "open" else queryset.filter(status=value)

    def filter_mine(self, queryset, name, value):
        return queryset.filter(owner=self.user) if value else queryset

    def filter_chaired(self, queryset, name, value):
        return queryset.filter(subcommittee_id__in=chaired_subcommittee_ids(self.user)) if value else queryset


def action_filter(*, user, data=None, today: dt.date | None = None) -> ActionFilter:
    """The all-actions list as the user may see it, filtered by `data` (a GET QueryDict)."""
    return ActionFilter(data or None, queryset=action_list(user=user), user=user, today=today)


def my_open_actions(*, user, today: dt.date | None = None) -> QuerySet[Action]:
    return action_list(user=user).filter(owner=user).open().order_by("due_date", "pk")


def _counts(today: dt.date) -> dict:
    completed = Q(status=Action.Status.COMPLETE)
    return {
        "total": Count("pk"),
        "open": Count("pk", filter=Q(status__in=rules.OPEN_STATUSES)),
        "overdue": Count("pk", filter=Q(status__in=rules.OPEN_STATUSES, due_date__lt=today)),
        # Open, not overdue, but moved too often to count as on track (rules.is_drifting).
        "drifting": Count(
            "pk",
            filter=Q(
                status__in=rules.OPEN_STATUSES,
                due_date__gte=today,
                due_date_moves__gte=rules.MOVES_BEFORE_DRIFTING,
            ),
        ),
        "on_time": Count("pk", filter=completed & Q(completed_at__date__lte=F("due_date"))),
        "late": Count("pk", filter=completed & Q(completed_at__date__gt=F("due_date"))),
        "withdrawn": Count("pk", filter=Q(status=Action.Status.WITHDRAWN)),
    }


def dashboard_figures(*, queryset: QuerySet[Action], today: dt.date | None = None) -> dict:
    """Open, overdue, completed on time and late: in total, by agency and by source kind.

    One scan of the actions, grouped by agency and source kind; the totals and both breakdowns
    are summed from those groups in Python (at most agencies x source kinds rows)."""
    today = today or timezone.localdate()
    groups = list(
        queryset.order_by()
        .values("agency_id", "agency__name", "agency__short_name", "source_type_id")
        .annotate(**_counts(today))
    )
    keys = ["total", "open", "overdue", "drifting", "on_time", "late", "withdrawn"]

    def add(into: dict, row: dict) -> None:
        for key in keys:
            into[key] = into.get(key, 0) + row[key]

    totals = dict.fromkeys(keys, 0)
    by_agency: dict[int, dict] = {}
    by_source: dict[int | None, dict] = {}
    for row in groups:
        add(totals, row)
        agency = by_agency.setdefault(
            row["agency_id"],
            {
                "agency_id": row["agency_id"],
                "agency__name": row["agency__name"],
                "agency__short_name": row["agency__short_name"],
            },
        )
        add(agency, row)
        add(by_source.setdefault(row["source_type_id"], {"source_type_id": row["source_type_id"]}), row)
    for row in by_source.values():
        # get_for_id is served from the content-type cache after its first use.
        ct = ContentType.objects.get_for_id(row["source_type_id"]) if row["source_type_id"] else None
        model = ct.model_class() if ct else None
        row["label"] = model._meta.verbose_name.capitalize() if model else ("No source" if ct is None else ct.model)
    return {
        "totals": totals,
        "by_agency": sorted(by_agency.values(), key=lambda r: r["agency__name"]),
        "by_source": sorted(by_source.values(), key=lambda r: r["label"]),
    }


def reminders_for_action(*, action: Action) -> QuerySet[ReminderLog]:
    return reminders_about(action)


def action_activity(*, action: Action) -> list[dict]:
    """Progress updates, sign-offs and re-openings, newest first (3 queries)."""
    entries = [{"kind": "progress", "at": u.created_at, "item": u} for u in action.updates.select_related("author")]
    entries += [
        {"kind": e.kind, "at": e.at, "item": e} for e in action.events.select_related("by").prefetch_related("files")
    ]
    return sorted(entries, key=lambda e: e["at"], reverse=True)
