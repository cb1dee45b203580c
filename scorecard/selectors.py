"""Reads for the scorecard: every list, chart and export starts from `for_user(user)`."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import django_filters
from django import forms
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from simple_history.models import DeletedObject

from bscp_portal.lib.periods import FinancialYear
from partnership.models import Agency, OutcomeArea, QAQuadrant
from partnership.registry import registry
from scorecard import calendar, status_store
from scorecard.models import AgencyReturn, Category, ChartNote, Indicator, Measurement, Series, Submitter
from scorecard.rag import Rag
from scorecard.status import Point, Status, assess
from scorecard.status_store import _local_points, _targets_by_indicator  # noqa: F401 (read by views, exports)

#: Comparators older than this before the chosen date are not shown on the dashboard (the DfE
#: publishes a year's figures up to 20 months after it ends).
COMPARATOR_WINDOW = timedelta(days=3 * 365)
COMPARATOR_SERIES = (Series.ENGLAND, Series.STAT_NEIGHBOURS, Series.REGION)


def in_year(indicators: QuerySet[Indicator], day: date) -> QuerySet[Indicator]:
    """The indicators in the scorecard of the financial year holding `day`: PAQA's dataset review
    of an earlier year may have retired some, and a change carries its note (no extra query)."""
    return registry.in_scorecard_year(indicators, FinancialYear.of(day).label)


def indicator_list(*, user) -> QuerySet[Indicator]:
    return (
        Indicator.objects.for_user(user)
        .active()
        .select_related("owning_agency", "outcome_area", "qa_quadrant")
        .order_by("category", "code")
    )


class IndicatorFilter(django_filters.FilterSet):
    """Filters of the scorecard table and its export (RAG is applied after rating)."""

    category = django_filters.ChoiceFilter(choices=Category.choices, label="Category", empty_label="All categories")
    outcome_area = django_filters.ModelChoiceFilter(
        queryset=OutcomeArea.objects.all(), label="Outcome area", empty_label="All outcome areas"
    )
    qa_quadrant = django_filters.ModelChoiceFilter(
        queryset=QAQuadrant.objects.all(), label="QA quadrant", empty_label="All QA quadrants"
    )
    owning_agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.none(), label="Owning agency", empty_label="All agencies"
    )
    rag = django_filters.ChoiceFilter(
        choices=[(r.value, r.label) for r in Rag], label="RAG rating", method="filter_rag", empty_label="All ratings"
    )
    code = django_filters.CharFilter(lookup_expr="iexact", label="Indicator code")
    period = django_filters.CharFilter(
        label="Position at", method="filter_period", widget=forms.DateInput(attrs={"type": "month"})
    )

    class Meta:
        model = Indicator
        fields = ["category", "outcome_area", "qa_quadrant", "owning_agency", "rag", "code", "period"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.form.fields.values():
            is_select = isinstance(f.widget, forms.Select)
            f.widget.attrs.setdefault(
                "class", "form-select form-select-sm" if is_select else "form-control form-control-sm"
            )
        self.filters["owning_agency"].queryset = Agency.objects.filter(
            pk__in=Indicator.objects.for_user(user).values("owning_agency_id")
        ).order_by("name")

    def filter_rag(self, queryset, name, value):
        return queryset  # applied to the rated rows

    def filter_period(self, queryset, name, value):
        return queryset  # read by `as_of`

    @property
    def as_of(self) -> date | None:
        """The last day of the chosen month (None: the latest data)."""
        text = (self.form.cleaned_data.get("period") or "") if self.is_bound and self.form.is_valid() else ""
        try:
            year, month = (int(x) for x in text.split("-")[:2])
            if not 1 <= month <= 12:
                return None
            first_next = date(year + month // 12, month % 12 + 1, 1)
            return first_next - timedelta(days=1)
        except ValueError:
            return None

    @property
    def rag_wanted(self) -> str:
        return (self.form.cleaned_data.get("rag") or "") if self.is_bound and self.form.is_valid() else ""


def indicator_filter(*, user, data=None) -> IndicatorFilter:
    return IndicatorFilter(data or None, queryset=indicator_list(user=user), user=user)


@dataclass
class Row:
    indicator: Indicator
    status: Status
    comparators: dict  # series -> Point
    cells: dict = field(default_factory=dict)  # display strings, filled by the page


def _with_latest_comparators(indicators: QuerySet[Indicator], as_of: date) -> QuerySet[Indicator]:
    """Annotate each indicator with the id of its latest England, neighbour and regional figure
    up to `as_of` (correlated subqueries on the (indicator, series, period_start) index)."""
    annotations = {}
    for series in COMPARATOR_SERIES:
        latest = Measurement.objects.filter(
            indicator_id=OuterRef("pk"),
            series=series,
            period_end__lte=as_of,
            period_end__gt=as_of - COMPARATOR_WINDOW,
        ).order_by("-period_start")
        annotations[f"latest_{series}_id"] = Subquery(latest.values("pk")[:1])
    # The latest process change: SPC on the dashboard reads the stretch since it.
    annotations["last_process_change"] = Subquery(
        ChartNote.objects.filter(indicator_id=OuterRef("pk"), kind=ChartNote.Kind.PROCESS_CHANGE, on__lte=as_of)
        .order_by("-on")
        .values("on")[:1]
    )
    return indicators.annotate(**annotations)


def _comparator_points(indicators: list[Indicator]) -> dict[int, dict[str, Point]]:
    """The annotated comparator figures, fetched in one query."""
    wanted = {
        getattr(i, f"latest_{series}_id"): (i.pk, series)
        for i in indicators
        for series in COMPARATOR_SERIES
        if getattr(i, f"latest_{series}_id", None)
    }
    found: dict[int, dict[str, Point]] = defaultdict(dict)
    if not wanted:
        return found
    for pk, start, end, value, symbol in Measurement.objects.filter(pk__in=wanted).values_list(
        "pk", "period_start", "period_end", "value", "symbol"
    ):
        indicator_id, series = wanted[pk]
        found[indicator_id][series] = Point(start, end, value, symbol)
    return found


def scorecard_rows(*, indicators: QuerySet[Indicator], as_of: date | None = None, rag: str = "") -> list[Row]:
    """Every indicator's status at `as_of`, by default today: a period still running is not
    rated yet. Three queries: indicators with their latest comparator ids, their stored statuses
    (scorecard/status_store.py; two more to assess and one to store those out of date) and the
    comparator figures."""
    as_of = as_of or timezone.localdate()
    indicators = list(_with_latest_comparators(in_year(indicators, as_of), as_of))
    statuses = status_store.statuses(indicators, as_of)
    comparators = _comparator_points(indicators)
    rows = [Row(i, statuses[i.pk], comparators.get(i.pk, {})) for i in indicators]
    if rag:
        rows = [r for r in rows if r.status.rag == rag]
    return rows


def status_rows(*, indicators: QuerySet[Indicator]) -> list[Row]:
    """Every indicator's status today without comparators, for counts (home, /reports/): two
    queries once stored (indicators, statuses)."""
    indicators = list(in_year(indicators, timezone.localdate()))
    statuses = status_store.statuses(indicators, timezone.localdate())
    return [Row(i, statuses[i.pk], {}) for i in indicators]


def series_points(*, indicator: Indicator) -> dict[str, list[Point]]:
    """Every series of one indicator, oldest first (one query)."""
    found = defaultdict(list)
    for series, start, end, value, symbol in (
        Measurement.objects.filter(indicator=indicator)
        .order_by("period_start")
        .values_list("series", "period_start", "period_end", "value", "symbol")
    ):
        found[series].append(Point(start, end, value, symbol))
    return found


def indicator_measurements(*, indicator: Indicator) -> QuerySet[Measurement]:
    return (
        Measurement.objects.filter(indicator=indicator).select_related("entered_by").order_by("-period_start", "series")
    )


def export_measurements(*, user, indicators: QuerySet[Indicator], as_of: date | None = None) -> QuerySet[Measurement]:
    query = Measurement.objects.for_user(user).filter(indicator__in=indicators)
    if as_of:
        query = query.filter(period_end__lte=as_of)
    return query


@dataclass
class TableRow:
    period_start: date
    period_end: date
    local: object  # PointStatus or None
    comparators: dict  # series -> Point
    running: Point | None = None  # a local figure for a period not yet over


def data_table(*, status: Status, comparators: dict[str, list[Point]], running: list[Point] = ()) -> list[TableRow]:
    """One row per period found in any series, newest first, local judgement beside comparators."""
    periods: dict[tuple[date, date], TableRow] = {}
    for p in running:
        periods[(p.period_start, p.period_end)] = TableRow(p.period_start, p.period_end, None, {}, p)
    for ps in [*status.history, *status.other]:
        key = (ps.point.period_start, ps.point.period_end)
        periods[key] = TableRow(key[0], key[1], ps, {})
    for series, points in comparators.items():
        for p in points:
            key = (p.period_start, p.period_end)
            periods.setdefault(key, TableRow(key[0], key[1], None, {})).comparators[series] = p
    return sorted(periods.values(), key=lambda r: (r.period_end, r.period_start), reverse=True)


def action_plan(*, indicator: Indicator, user):
    """The SMART actions linked to this indicator, as the user may see them."""
    from actions.selectors import actions_for_source

    return actions_for_source(source=indicator, user=user)


def figure_history(*, indicator: Indicator, user, limit: int = 20) -> list:
    """The latest changes to this indicator's figures (business unit only, like record history)."""
    from partnership.access import is_business_unit

    if not is_business_unit(user):
        return []
    return list(
        Measurement.history.filter(indicator_id=indicator.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )


__all__ = ["assess"]


# --- the data calendar ------------------------------------------------------------------------


@dataclass
class ReturnRow:
    """One agency's figure for one period, submitted or not, with where it stands."""

    submitter: object
    period_start: date
    period_end: date
    due_on: date
    state: str
    submitted: object = None  # the AgencyReturn, when there is one

    @property
    def state_label(self) -> str:
        return calendar.STATE_LABELS[self.state]


def _rows(submitters, periods_for, today: date) -> list[ReturnRow]:
    wanted = [(s, p) for s in submitters for p in periods_for(s) if s.expected_from is None or p[0] >= s.expected_from]
    returns = {}
    if wanted:
        for r in AgencyReturn.objects.filter(
            indicator_id__in={s.indicator_id for s, _ in wanted},
            agency_id__in={s.agency_id for s, _ in wanted},
            period_start__in={p[0] for _, p in wanted},
        ).only("indicator_id", "agency_id", "period_start", "period_end", "submitted_on", "days_late", "due_on"):
            returns[(r.indicator_id, r.agency_id, r.period_start)] = r
    rows = []
    for s, (start, end) in wanted:
        due_on = calendar.due_date(end, s.indicator.due_days)
        found = returns.get((s.indicator_id, s.agency_id, start))
        rows.append(
            ReturnRow(
                submitter=s,
                period_start=start,
                period_end=end,
                due_on=due_on,
                state=calendar.state(due_on, today, found.submitted_on if found else None),
                submitted=found,
            )
        )
    return rows


def returns_due(*, user, today: date, periods: int = 3) -> list[ReturnRow]:
    """The user's agency's figures for the last few periods of each indicator it submits,
    most urgent first. Two queries, however many indicators."""
    if user.agency_id is None:
        return []
    submitters = Submitter.objects.filter(agency_id=user.agency_id, active=True, indicator__active=True).select_related(
        "indicator", "agency", "responsible"
    )
    rows = _rows(submitters, lambda s: calendar.previous_periods(s.indicator.frequency, today, periods), today)
    order = {"missing": 0, "overdue": 1, "due": 2, "not_due": 3, "late": 4, "on_time": 5}
    return sorted(rows, key=lambda r: (order[r.state], r.due_on, r.submitter.indicator.name))


def agency_breakdown(*, indicator, user, today: date, periods: int = 2) -> list[ReturnRow]:
    """Each submitting agency's figure for the indicator's latest ended periods, including who
    has not submitted; agency users see their own agency's row only."""
    submitters = (
        Submitter.objects.for_user(user).filter(indicator=indicator, active=True).select_related("indicator", "agency")
    )
    chosen = calendar.previous_periods(indicator.frequency, today, periods)
    rows = _rows(submitters, lambda s: chosen, today)
    return sorted(rows, key=lambda r: (-r.period_start.toordinal(), r.submitter.agency.name))


# --- indicator settings -----------------------------------------------------------------------


def _setting_text(indicator: Indicator, name: str, value) -> str:
    """A stored setting as a person reads it: the choice's label, Yes/No, the record's name."""
    if value is None or value == "":
        return "not set"
    if isinstance(value, DeletedObject):  # an empty foreign key, or a record since deleted
        return "not set" if value.pk is None else f"a {value.model._meta.verbose_name} since deleted"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):  # a many-to-many field: its through rows
        names = sorted(str(v) for row in value for k, v in row.items() if k != "indicator")
        return ", ".join(names) or "none"
    field = Indicator._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def settings_history(*, indicator: Indicator, labels: dict[str, str], limit: int = 30) -> list[dict]:
    """Who changed which of an indicator's settings, when, from what to what (newest first)."""
    records = list(
        indicator.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    rows = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=["version"], foreign_keys_are_objs=True)
            changes = [
                (
                    labels.get(c.field, c.field),
                    _setting_text(indicator, c.field, c.old),
                    _setting_text(indicator, c.field, c.new),
                )
                for c in delta.changes
            ]
            if not changes:
                continue
        rows.append(
            {
                "when": newer.history_date,
                "who": (newer.history_user.get_full_name() or newer.history_user.username)
                if newer.history_user
                else "the portal",
                "created": newer.history_type == "+",
                "changes": changes,
            }
        )
    return rows[:limit]


def indicators_not_in_use(*, user) -> list[Indicator]:
    """Indicators taken off the scorecard, for the business unit to reach their settings."""
    from scorecard.permissions import can_manage_catalogue

    if not can_manage_catalogue(user):
        return []
    return list(Indicator.objects.for_user(user).filter(active=False).only("code", "name").order_by("name"))


def submitters_of(*, indicator: Indicator) -> list[Submitter]:
    """The agencies that submit this indicator's figures now, with their responsible person."""
    return list(Submitter.objects.filter(indicator=indicator, active=True).select_related("agency", "responsible"))
