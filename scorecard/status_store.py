"""Each indicator's status, computed once after its data changes and read back afterwards.

The scorecard, home page and /reports/ show every indicator's RAG, direction and SPC signal at
today's date. Assessing that means reading and judging an indicator's whole local series, which
grows with the years behind it; the answer changes only when the indicator's figures, targets
or definition change (or the day does: a period still running is not rated). So:

- `statuses(indicators, as_of)` returns {indicator id: Status}: stored ones in one query, the
  others assessed (two queries for all of them together) and stored (one query);
- every write to an indicator, a figure, a target or a chart note (a process change restarts
  the SPC limits) moves that indicator's `changed_at`
  (signals for ordinary saves and deletes, `data_changed` from the bulk paths), when it is made
  and again after it commits; a stored status counts only if it was computed after that moment, for the same day,
  with the same RAG thresholds. A request that read the figures before another's write committed
  therefore never leaves a stale status behind: its `computed_at` is earlier than the write's
  `changed_at`.

Rows live in the database, so every web node and worker process sees the same answer.
"""

import logging
import pickle  # noqa: S403 (payloads are written by this module only, never by a user)
import threading
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from scorecard.models import ChartNote, Indicator, IndicatorStatus, Measurement, Series, Target
from scorecard.status import Point, Status, Targets, assess

log = logging.getLogger(__name__)

#: Bump when Status or what goes into it changes shape: older rows are then recomputed.
LAYOUT = "2"  # 2: the RAG, rating change and special cause kept beside the payload

_pending = threading.local()


def _rules() -> str:
    return f"{LAYOUT}:{settings.RAG_GREEN_PCT}:{settings.RAG_AMBER_PCT}"


# --- invalidation ------------------------------------------------------------------------------


def _mark(ids: set) -> None:
    now = timezone.now()
    existing = Indicator.objects.filter(pk__in=ids).values_list("pk", flat=True)  # not one being deleted
    IndicatorStatus.objects.bulk_create(
        [IndicatorStatus(indicator_id=i, changed_at=now) for i in existing],
        update_conflicts=True,
        unique_fields=["indicator"],
        update_fields=["changed_at"],
    )


def _flush() -> None:
    ids = getattr(_pending, "ids", None)
    if ids:
        _pending.ids = set()
        _mark(ids)


def data_changed(indicator_ids: Iterable[int]) -> None:
    """Mark these indicators' stored statuses out of date: now, in the writer's transaction (so
    its own later reads, and a test's, see the change), and again once it commits (so a reader
    that assessed the old figures meanwhile is not believed). Within one transaction an
    indicator is marked once until a status is stored again (deleting a thousand figures makes
    one write, not a thousand), and all of them once more at commit."""
    ids = {i for i in indicator_ids if i is not None}
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _mark(ids)
        return
    pending = getattr(_pending, "ids", None)
    # A transaction (or savepoint) rolled back drops our commit hook: start afresh then.
    if pending is None or not any(entry[1] is _flush for entry in connection.run_on_commit):
        pending = _pending.ids = set()
        transaction.on_commit(_flush)
    new = ids - pending
    if new:
        _mark(new)
        pending.update(new)


def _on_indicator_saved(sender, instance, **kwargs):
    data_changed([instance.pk])


def _on_figure_changed(sender, instance, **kwargs):
    data_changed([instance.indicator_id])


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    post_save.connect(_on_indicator_saved, sender=Indicator, dispatch_uid="status_store_indicator")
    for model in (Measurement, Target, ChartNote):  # a process change moves the SPC limits
        post_save.connect(_on_figure_changed, sender=model, dispatch_uid=f"status_store_{model.__name__}_save")
        post_delete.connect(_on_figure_changed, sender=model, dispatch_uid=f"status_store_{model.__name__}_delete")


# --- reading -----------------------------------------------------------------------------------


def _targets_by_indicator(ids) -> dict[int, Targets]:
    found = defaultdict(list)
    for indicator_id, effective_from, value in Target.objects.filter(indicator_id__in=ids).values_list(
        "indicator_id", "effective_from", "value"
    ):
        found[indicator_id].append((effective_from, value))
    return {i: Targets(found.get(i, [])) for i in ids}


def _local_points(ids, as_of: date | None) -> dict[int, list[Point]]:
    query = Measurement.objects.filter(indicator_id__in=ids, series=Series.LOCAL)
    if as_of:
        query = query.filter(period_end__lte=as_of)
    points = defaultdict(list)
    for indicator_id, start, end, value, symbol in query.order_by("indicator_id", "period_start").values_list(
        "indicator_id", "period_start", "period_end", "value", "symbol"
    ):
        points[indicator_id].append(Point(start, end, value, symbol))
    return points


def _last_process_changes(indicators: list[Indicator], as_of: date | None) -> dict[int, date | None]:
    """Each indicator's latest process change on or before `as_of` (SPC reads the stretch since
    it): the `last_process_change` annotation where the caller made it, else one query."""
    found = {i.pk: i.last_process_change for i in indicators if hasattr(i, "last_process_change")}
    missing = [i.pk for i in indicators if i.pk not in found]
    if missing:
        query = ChartNote.objects.filter(indicator_id__in=missing, kind=ChartNote.Kind.PROCESS_CHANGE)
        if as_of:
            query = query.filter(on__lte=as_of)
        for indicator_id, on in query.values_list("indicator_id", "on"):
            if found.get(indicator_id) is None or on > found[indicator_id]:
                found[indicator_id] = on
    return found


def assess_all(indicators: list[Indicator], as_of: date | None) -> dict[int, Status]:
    """Assess these indicators from their figures (two or three queries whatever their number)."""
    ids = [i.pk for i in indicators]
    if not ids:
        return {}
    targets = _targets_by_indicator(ids)
    local = _local_points(ids, as_of)
    changes = _last_process_changes(indicators, as_of)
    return {
        i.pk: assess(
            local.get(i.pk, []),
            targets[i.pk],
            i.polarity,
            i.frequency,
            full=False,
            changes=[changes[i.pk]] if changes.get(i.pk) else (),
        )
        for i in indicators
    }


def _fresh(as_of: date, rules: str):
    """Stored statuses still true at `as_of` (see the module docstring)."""
    return IndicatorStatus.objects.filter(
        as_of=as_of, rules=rules, payload__isnull=False, computed_at__gt=F("changed_at")
    )


def _load(ids: list[int], as_of: date, rules: str) -> dict[int, Status]:
    found = {}
    for indicator_id, payload in (
        _fresh(as_of, rules).filter(indicator_id__in=ids).values_list("indicator_id", "payload")
    ):
        try:
            found[indicator_id] = pickle.loads(bytes(payload))  # noqa: S301 (written by _store below)
        except Exception:  # a payload from an older layout: assess again
            log.warning("stored status of indicator %s could not be read; assessing again", indicator_id)
    return found


def _store(statuses: dict[int, Status], as_of: date, rules: str, started) -> None:
    IndicatorStatus.objects.bulk_create(
        [
            IndicatorStatus(
                indicator_id=i,
                changed_at=started - timedelta(microseconds=1),  # kept only where no row was
                computed_at=started,
                as_of=as_of,
                rules=rules,
                payload=pickle.dumps(status, protocol=pickle.HIGHEST_PROTOCOL),
                rag=status.rag.value,
                rag_changed=status.rag_changed,
                special_cause=status.special_cause,
            )
            for i, status in statuses.items()
        ],
        update_conflicts=True,
        unique_fields=["indicator"],
        # changed_at is never moved back: a write that committed meanwhile keeps it newer.
        update_fields=["computed_at", "as_of", "rules", "payload", "rag", "rag_changed", "special_cause"],
    )
    pending = getattr(_pending, "ids", None)
    if pending:
        pending.difference_update(statuses)  # a later write in this transaction marks them again


def statuses(indicators: list[Indicator], as_of: date) -> dict[int, Status]:
    """{indicator id: Status at `as_of`} for these indicators: stored where still true, the rest
    assessed and stored. Only today's statuses are stored (other dates are assessed each time)."""
    if as_of != timezone.localdate():
        return assess_all(indicators, as_of)
    rules = _rules()
    started = timezone.now()  # before reading any figure: see the module docstring
    found = _load([i.pk for i in indicators], as_of, rules)
    missing = [i for i in indicators if i.pk not in found]
    if missing:
        fresh = assess_all(missing, as_of)
        _store(fresh, as_of, rules, started)
        found.update(fresh)
    return found


def counts(indicators: QuerySet[Indicator]) -> dict:
    """RAG counts of these indicators today, with how many changed rating since their previous
    period and how many show special cause variation, counted in the database from the stored
    statuses: {"counts": {GREEN, AMBER, RED, NOT_RATED}, "total", "changed", "special"} (ints).

    The same figures as `scorecard.summary.tile_counts` over `statuses` of the same indicators,
    without reading a payload back: two queries (how many indicators, and the counts over their
    stored statuses) when every status is stored; otherwise they are all read, those out of date assessed and stored, as
    `statuses` does, and counted from there."""
    from scorecard.rag import Rag

    today = timezone.localdate()
    rules = _rules()
    indicators = indicators.order_by()
    wanted = indicators.count()

    def count() -> dict:
        return (
            _fresh(today, rules)
            .filter(indicator_id__in=indicators.values("pk"))
            .aggregate(
                stored=Count("pk"),
                changed=Count("pk", filter=Q(rag_changed=True)),
                special=Count("pk", filter=Q(special_cause=True)),
                **{rag.value: Count("pk", filter=Q(rag=rag.value)) for rag in Rag},
            )
        )

    found = count()
    if found["stored"] < wanted:  # some out of date: assess them, and count what was assessed
        assessed = statuses(list(indicators), today).values()
        found = {
            "stored": len(assessed),
            "changed": sum(s.rag_changed for s in assessed),
            "special": sum(s.special_cause for s in assessed),
            **{rag.value: sum(s.rag == rag for s in assessed) for rag in Rag},
        }
    return {
        "counts": {rag.value: found[rag.value] for rag in Rag},
        "total": found["stored"],
        "changed": found["changed"],
        "special": found["special"],
    }


def flagged(indicators: QuerySet[Indicator], limit: int) -> dict[Indicator, Status]:
    """Today's statuses of the first `limit` (in the indicators' order) of these indicators whose
    rating changed since their previous period, and of the first `limit` whose latest point shows
    special cause: what the tiles name. Only those are read back (call `counts` first: it stores
    any status missing)."""
    if limit <= 0:
        return {}
    fresh = _fresh(timezone.localdate(), _rules()).filter(indicator_id__in=indicators.order_by().values("pk"))
    chosen = {}
    for flag in (Q(rag_changed=True), Q(special_cause=True)):
        for indicator in indicators.filter(pk__in=fresh.filter(flag).values("indicator_id"))[:limit]:
            chosen[indicator.pk] = indicator
    ordered = sorted(chosen.values(), key=lambda i: (i.category, i.code))
    found = statuses(ordered, timezone.localdate())
    return {i: found[i.pk] for i in ordered}
