"""The scorecard read by the annual report and the cross-strand dashboard."""

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from scorecard.rag import Rag


def tile_counts(rows) -> dict:
    """RAG counts and what changed since the last period, from scorecard rows.

    Keys: counts {GREEN, AMBER, RED, NOT_RATED}, total, changed (indicators whose rating differs
    from their previous period), special (indicators whose latest point shows special cause).
    """
    tally = Counter(r.status.rag.value for r in rows)
    tiles = {
        "counts": {r.value: tally.get(r.value, 0) for r in Rag},
        "total": len(rows),
        "changed": [
            {
                "code": r.indicator.code,
                "name": r.indicator.name,
                "from": r.status.previous.rag.value,
                "to": r.status.rag.value,
            }
            for r in rows
            if r.status.rag_changed
        ],
        "special": [
            {"code": r.indicator.code, "name": r.indicator.name, "variation": r.status.spc.variation.label}
            for r in rows
            if r.status.special_cause
        ],
    }
    tiles["changed_count"], tiles["special_count"] = len(tiles["changed"]), len(tiles["special"])
    return tiles


#: How many indicators a scorecard tile names (the rest are counted).
TILE_NAMES = 10


def current_tiles(indicators, named: int = TILE_NAMES) -> dict:
    """`tile_counts` of these indicators' rows today, with each list cut to its first `named`
    indicators, without reading every status back: the counts from the database
    (status_store.counts), and only the indicators the tiles name read in full."""
    from scorecard import status_store
    from scorecard.selectors import Row

    counted = status_store.counts(indicators)
    named_rows = [Row(i, status, {}) for i, status in status_store.flagged(indicators, named).items()]
    tiles = tile_counts(named_rows)
    tiles["changed"], tiles["special"] = tiles["changed"][:named], tiles["special"][:named]
    tiles["counts"], tiles["total"] = counted["counts"], counted["total"]
    tiles["changed_count"], tiles["special_count"] = counted["changed"], counted["special"]
    return tiles


def annual_summary(*, start: date, end: date, user) -> dict:
    """The scorecard at the end of a reporting year, for the annual report.

    Keys:
    - period: {"start", "end"};
    - indicators: number of active indicators the user may see;
    - rated: number with a local figure in the year (None when no indicator has one);
    - rag_counts: {GREEN, AMBER, RED, NOT_RATED} over indicators with a figure in the year
      (None when none has);
    - improving / worsening: codes whose latest figure in the year moved that way against the
      same period a year before (empty lists when none);
    - special_causes: [{code, name, variation}] at the year end;
    - rows: [{code, name, category, value, symbol, target, rag, england, stat_neighbours,
      period_start, period_end}] for indicators with a figure in the year; values are strings as
      published ("" when missing, with the DfE symbol in `symbol`).
    """
    from scorecard.selectors import indicator_list, scorecard_rows
    from scorecard.tables import as_text

    rows = [
        r
        for r in scorecard_rows(indicators=indicator_list(user=user), as_of=end)
        if r.status.latest is not None and r.status.latest.point.period_end >= start
    ]
    total = indicator_list(user=user).count()
    if not rows:
        return {
            "period": {"start": start, "end": end},
            "indicators": total,
            "rated": None,
            "rag_counts": None,
            "improving": [],
            "worsening": [],
            "special_causes": [],
            "rows": [],
        }
    tiles = tile_counts(rows)
    return {
        "period": {"start": start, "end": end},
        "indicators": total,
        "rated": len(rows),
        "rag_counts": tiles["counts"],
        "improving": [r.indicator.code for r in rows if r.status.last_year.value == "improving"],
        "worsening": [r.indicator.code for r in rows if r.status.last_year.value == "worsening"],
        "special_causes": tiles["special"],
        "rows": [
            {
                "code": r.indicator.code,
                "name": r.indicator.name,
                "category": r.indicator.get_category_display(),
                "value": as_text(r.status.latest.point.value),
                "symbol": r.status.latest.point.symbol,
                "target": as_text(r.status.latest.target),
                "rag": r.status.rag.value,
                "england": as_text(r.comparators["england"].value) if "england" in r.comparators else "",
                "stat_neighbours": as_text(r.comparators["stat_neighbours"].value)
                if "stat_neighbours" in r.comparators
                else "",
                "period_start": r.status.latest.point.period_start,
                "period_end": r.status.latest.point.period_end,
            }
            for r in rows
        ],
    }


def dashboard_tile(*, user) -> dict:
    """Headline figures for the cross-strand dashboard: RAG counts now and what changed.

    Keys: title, url, counts {GREEN, AMBER, RED, NOT_RATED}, changed (number of indicators whose
    rating changed since their previous period), special (number showing special cause). The
    scorecard page's counts (`tile_counts` of its rows), counted in the database from each
    indicator's stored status (scorecard/status_store.py): two queries whatever the years.
    """
    from scorecard import status_store
    from scorecard.selectors import in_year, indicator_list

    tiles = status_store.counts(in_year(indicator_list(user=user), timezone.localdate()))
    counts = tiles["counts"]
    from bscp_portal.lib.periods import as_at_text

    return {
        "title": "Scorecard",
        "url": reverse("scorecard:index"),
        "period": f"Each indicator's latest figure, {as_at_text(timezone.localdate())}",
        "source": f"Scorecard: {sum(counts.values())} indicators rated against their targets",
        "counts": counts,
        "changed": tiles["changed"],
        "special": tiles["special"],
        "figures": [
            *(
                {"label": label, "value": counts.get(rag, 0), "href": f"{reverse('scorecard:index')}?rag={rag}"}
                for rag, label in (("GREEN", "Green"), ("AMBER", "Amber"), ("RED", "Red"), ("NOT_RATED", "Not rated"))
            ),
            ("Rating changed since the previous period", tiles["changed"]),
            ("Showing special cause variation", tiles["special"]),
        ],
    }


def paqa_exceptions(*, user, as_of: date, since: date | None = None) -> dict:
    """The scorecard's exceptions for PAQA's board and meeting pack.

    Keys: red, changed, special — lists of {code, name, url, value, period, ref} (ref is the
    figure reference questions use: "<code>:<period start>"); `changed` adds "from"/"to" and
    compares with the previous period (or, with `since`, the rating in force at that date).
    """
    from scorecard.selectors import indicator_list, scorecard_rows
    from scorecard.templatetags.scorecard_tags import figure_text as figure

    rows = scorecard_rows(indicators=indicator_list(user=user), as_of=as_of)
    before = {}
    if since is not None:
        before = {
            r.indicator.pk: r.status.rag.value
            for r in scorecard_rows(indicators=indicator_list(user=user), as_of=since)
        }

    def item(r, **extra):
        latest = r.status.latest
        return {
            "code": r.indicator.code,
            "name": r.indicator.name,
            "url": reverse("scorecard:indicator", args=[r.indicator.code]),
            "value": figure(latest.point.value, r.indicator, latest.point.symbol) if latest else ":",
            "period": f"{latest.point.period_start:%b %Y}" if latest else "",
            "ref": f"{r.indicator.code}:{latest.point.period_start.isoformat()}" if latest else "",
            "owner": str(r.indicator.owning_agency) if r.indicator.owning_agency_id else "",
            **extra,
        }

    changed = []
    for r in rows:
        if r.status.latest is None:
            continue
        old = (
            before.get(r.indicator.pk)
            if since is not None
            else (r.status.previous.rag.value if r.status.previous else None)
        )
        if old and old != r.status.rag.value:
            changed.append(item(r, **{"from": Rag(old).label, "to": r.status.rag.label}))
    return {
        "red": [item(r) for r in rows if r.status.latest is not None and r.status.rag == Rag.RED],
        "changed": changed,
        "special": [item(r, variation=r.status.spc.variation.label) for r in rows if r.status.special_cause],
    }


def returns_exceptions(*, user, today: date, limit: int | None = None) -> dict:
    """Missing and late agency figures for the latest two periods of each indicator.

    Keys: missing — [{indicator, code, url, agency, period, due_on, responsible}] (10 working
    days past due, nothing received); late — the same with submitted_on and days_late;
    missing_count and late_count. With `limit`, only the first `limit` of each list are read.
    Chosen, counted and cut in the database: six queries, however many agencies, indicators
    and years of returns there are.
    """
    from django.db.models import Case, DateField, Exists, F, IntegerField, OuterRef, Q, Value, When

    from scorecard import calendar
    from scorecard.models import AgencyReturn, Submitter

    submitters = Submitter.objects.for_user(user).filter(active=True, indicator__active=True)
    # An indicator's latest two periods and their due dates depend on its frequency and due days only.
    groups = set(submitters.values_list("indicator__frequency", "indicator__due_days").order_by())
    if not groups:
        return {"missing": [], "late": [], "missing_count": 0, "late_count": 0}
    periods = {(f, k): p for f in {f for f, _ in groups} for k, p in enumerate(calendar.previous_periods(f, today, 2))}
    due = {(f, d, k): calendar.due_date(periods[f, k][1], d) for f, d in groups for k in (0, 1)}
    names = ("indicator__category", "indicator__code", "indicator__name", "agency__name", "agency__short_name")

    def missing_in_slot(k: int):
        overdue = Q(pk__in=[])
        for (f, d, slot), on in due.items():
            if slot == k and calendar.state(on, today, None) == calendar.MISSING_STATE:
                overdue |= Q(indicator__frequency=f, indicator__due_days=d)
        start = Case(*(When(indicator__frequency=f, then=Value(periods[f, k][0])) for f, _ in groups),
                     output_field=DateField())  # fmt: skip
        sent = AgencyReturn.objects.filter(
            indicator_id=OuterRef("indicator_id"), agency_id=OuterRef("agency_id"), period_start=OuterRef("start")
        ).filter(period_start__in={periods[f, k][0] for f, _ in groups})  # lets the database skip older periods
        return (
            submitters.filter(overdue)
            .annotate(slot=Value(k, output_field=IntegerField()), start=start)
            .filter(Q(expected_from__isnull=True) | Q(expected_from__lte=F("start")))
            .filter(~Exists(sent))
            .values(*names, "indicator_id", "agency_id", "slot", "start", "indicator__frequency", "indicator__due_days")
            .order_by()
        )

    missing = missing_in_slot(0).union(missing_in_slot(1), all=True)
    came_late = Q(pk__in=[])
    for (f, d, k), on in due.items():
        came_late |= Q(
            indicator__frequency=f, indicator__due_days=d, period_start=periods[f, k][0], submitted_on__gt=on
        )
    expected = submitters.filter(indicator_id=OuterRef("indicator_id"), agency_id=OuterRef("agency_id")).filter(
        Q(expected_from__isnull=True) | Q(expected_from__lte=OuterRef("period_start"))
    )
    late = (
        AgencyReturn.objects.filter(period_start__in={start for start, _ in periods.values()})
        .filter(came_late)
        .filter(Exists(expected))
        .annotate(start=F("period_start"))
        .values(
            *names,
            "indicator_id",
            "agency_id",
            "start",
            "submitted_on",
            "days_late",
            "indicator__frequency",
            "indicator__due_days",
        )  # fmt: skip
    )

    def cut(qs, *order):
        qs = qs.order_by(*order)
        return list(qs[:limit] if limit is not None else qs)

    missing_rows = cut(missing, "indicator__category", "indicator__code", "agency__name", "slot")
    late_rows = cut(late, "indicator__category", "indicator__code", "agency__name", "-period_start")
    chosen = missing_rows + late_rows
    responsible = {
        (s["indicator_id"], s["agency_id"]): (
            f"{s['responsible__first_name']} {s['responsible__last_name']}".strip() or s["responsible__username"]
        )
        for s in submitters.filter(
            indicator_id__in={r["indicator_id"] for r in chosen},
            agency_id__in={r["agency_id"] for r in chosen},
            responsible__isnull=False,
        ).values(
            "indicator_id", "agency_id", "responsible__first_name", "responsible__last_name", "responsible__username"
        )
    }
    url = reverse("scorecard:indicator", args=["CODE"])

    def item(r, due_on):
        return {
            "indicator": r["indicator__name"],
            "code": r["indicator__code"],
            "url": url.replace("CODE", r["indicator__code"]),
            "agency": r["agency__short_name"] or r["agency__name"],
            "period": f"{r['start']:%b %Y}",
            "due_on": due_on,
            "responsible": responsible.get((r["indicator_id"], r["agency_id"]), "Agency lead"),
            "submitted_on": r.get("submitted_on"),
            "days_late": r.get("days_late"),
        }

    def due_on(r):
        f, d = r["indicator__frequency"], r["indicator__due_days"]
        return due[f, d, 0 if r["start"] == periods[f, 0][0] else 1]

    return {
        "missing": [item(r, due_on(r)) for r in missing_rows],
        "late": [item(r, due_on(r)) for r in late_rows],
        "missing_count": len(missing_rows) if limit is None else missing.count(),
        "late_count": len(late_rows) if limit is None else late.count(),
    }


def year_figures(*, start: date, end: date, user) -> list[dict]:
    """Each visible active indicator's stored local figures for the year [start, end] and the
    year before, its target at the year end and its latest comparators, for the annual report.

    Each: {"code", "name", "unit", "unit_label", "polarity", "decimals", "frequency", "definition",
    "points": [(period_start, period_end, value, numerator, denominator)] in the year,
    "previous": the same for the year before, "target" (Decimal or None),
    "comparators": {"england"|"region"|"stat_neighbours": Decimal}, "category", "outcome_area", "owner"}.
    Three queries.
    """

    from scorecard.models import Measurement, Series, Target, Unit
    from scorecard.rules import same_period_last_year
    from scorecard.selectors import indicator_list

    indicators = list(
        indicator_list(user=user)
        .filter(active=True)
        .select_related("outcome_area", "owning_agency")
        .order_by("category", "code")
    )
    ids = [i.pk for i in indicators]
    prev_start, _ = same_period_last_year(start, end)
    points: dict = defaultdict(lambda: {"points": [], "previous": [], "comparators": {}})
    rows = (
        Measurement.objects.filter(indicator_id__in=ids, period_end__lte=end)
        .filter(period_start__gte=prev_start)
        .order_by("indicator_id", "period_start")
        .values_list("indicator_id", "series", "period_start", "period_end", "value", "numerator", "denominator")
    )
    for indicator_id, series, p_start, p_end, value, num, den in rows:
        entry = points[indicator_id]
        if series == Series.LOCAL:
            key = "points" if p_start >= start else "previous"
            entry[key].append((p_start, p_end, value, num, den))
        elif value is not None:
            entry["comparators"][series] = value  # ordered by period: the latest wins
    targets: dict = {}
    for indicator_id, value in (
        Target.objects.filter(indicator_id__in=ids, effective_from__lte=end)
        .order_by("indicator_id", "effective_from")
        .values_list("indicator_id", "value")
    ):
        targets[indicator_id] = value
    units = dict(Unit.choices)
    return [
        {
            "code": i.code,
            "name": i.name,
            "unit": i.unit,
            "unit_label": units.get(i.unit, i.unit),
            "polarity": i.polarity,
            "decimals": i.decimals,
            "frequency": i.frequency,
            "definition": i.definition,
            "category": i.get_category_display(),
            "owner": i.owning_agency.name if i.owning_agency_id else "",
            "outcome_area": i.outcome_area.name if i.outcome_area_id else "",
            "target": targets.get(i.pk),
            **points[i.pk],
        }
        for i in indicators
    ]


def key_indicator_runs(*, end: date, user, points: int = 36) -> list[dict]:
    """The indicators the business unit marks as key, each with its run up to `end` and the SPC
    picture the indicator page shows for it at that date, for the annual report. Three queries.

    Each: {"code", "name", "unit", "decimals", "polarity", "target" (Decimal or None),
    "points": [(period_start, period_end, value, kind)] (the last `points` charted figures; kind is
    "common_cause", "improvement", "concern" or "neither"), "stretch_from" (index of the first point
    of the latest stretch since a process change), "mean", "lower", "upper" (floats or None, of
    that stretch), "variation" (scorecard.spc.Variation or None), "assurance"
    (Assurance or None), "warning" (why there are no icons, or "")}.
    """
    from scorecard.models import ChartNote
    from scorecard.selectors import indicator_list
    from scorecard.spc import point_kind
    from scorecard.status import assess
    from scorecard.status_store import _local_points, _targets_by_indicator

    indicators = list(indicator_list(user=user).filter(key_indicator=True).order_by("category", "code"))
    ids = [i.pk for i in indicators]
    if not ids:
        return []
    local = _local_points(ids, end)
    targets = _targets_by_indicator(ids)
    changes: dict = defaultdict(list)
    for indicator_id, on in ChartNote.objects.filter(
        indicator_id__in=ids, kind=ChartNote.Kind.PROCESS_CHANGE, on__lte=end
    ).values_list("indicator_id", "on"):
        changes[indicator_id].append(on)
    out = []
    for i in indicators:
        status = assess(local.get(i.pk, []), targets[i.pk], i.polarity, i.frequency, changes=changes[i.pk])
        valued = [ps for ps in status.history if ps.point.value is not None]
        charted = valued[-points:]
        if not charted:
            continue
        spc = status.spc
        segment = spc.segments[-1] if spc.segments else None
        skipped = len(valued) - len(charted)
        out.append(
            {
                "code": i.code,
                "name": i.name,
                "unit": i.unit,
                "decimals": i.decimals,
                "polarity": i.polarity,
                "target": targets[i.pk].at(charted[-1].point.period_start),
                "points": [
                    (ps.point.period_start, ps.point.period_end, ps.point.value, point_kind(ps.side, i.polarity))
                    for ps in charted
                ],
                "stretch_from": max(0, segment.start - skipped) if segment else 0,
                "mean": segment.mean if segment else spc.mean,
                "lower": segment.lower if segment else spc.lower,
                "upper": segment.upper if segment else spc.upper,
                "variation": spc.variation,
                "assurance": spc.assurance,
                "warning": spc.warning,
            }
        )
    return out


def rated(*, values: dict, previous: dict | None = None, on: date) -> dict:
    """Target, RAG and direction of travel for figures other strands show that the scorecard
    holds as indicators: `values` and `previous` map indicator codes to a value for a period
    and for the period before. One query (the targets in force on `on`); the rules are the
    scorecard's own (scorecard/rag.py, scorecard/rules.py).

    Returns {code: {"target", "rag", "rag_label", "direction", "direction_label"}} for each code
    the catalogue holds; "target" is None (and RAG not rated) where it has none."""
    from scorecard.models import Indicator, Target
    from scorecard.rag import Rag, rag_rating
    from scorecard.rules import Direction, direction_of_travel

    previous = previous or {}
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(code__in=list(values)).prefetch_related(
            Prefetch(
                "targets",
                queryset=Target.objects.filter(effective_from__lte=on).order_by("-effective_from"),
                to_attr="in_force",
            )
        )
    }
    out = {}
    for code, value in values.items():
        indicator = indicators.get(code)
        if indicator is None:
            continue
        target = indicator.in_force[0].value if indicator.in_force else None
        rag = rag_rating(value, target, indicator.polarity) if target is not None else Rag.NOT_RATED
        direction = direction_of_travel(value, previous.get(code), indicator.polarity)
        out[code] = {
            "target": target,
            "rag": rag.value,
            "rag_label": rag.label,
            "direction": direction.value,
            "direction_label": "" if direction == Direction.NO_COMPARISON else f"{direction.arrow} {direction.label}",
        }
    return out
