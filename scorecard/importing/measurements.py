"""Measurement rows: read, checked against the indicators the person may write, planned, then
inserted with their history in one pass."""

from collections import Counter
from collections.abc import Iterable

from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from bscp_portal.lib.import_formats import choice_from_text
from scorecard.import_formats import MEASUREMENTS
from scorecard.importing.plan import BATCH_SIZE, CHANGED, NEW, REFUSED, UNCHANGED, Fate, Plan
from scorecard.models import Indicator, Measurement, Series
from scorecard.rules import value_problems
from scorecard.tables import Table, as_text, check_columns, parse_date, parse_number, parse_value

MEASUREMENT_REQUIRED = {"indicator_code", "period_start", "period_end", "value"}
MEASUREMENT_COLUMNS = MEASUREMENT_REQUIRED | {"series", "numerator", "denominator", "note"}
#: What picks out a measurement, and what an import may set on it.
MEASUREMENT_KEY = ("indicator", "period_start", "period_end", "series")
MEASUREMENT_FIELDS = ("value", "symbol", "numerator", "denominator", "note")


SERIES_ALIASES = {
    "": Series.LOCAL,
    "la": Series.LOCAL,
    "sn": Series.STAT_NEIGHBOURS,
    "statistical_neighbours": Series.STAT_NEIGHBOURS,
}


M = MEASUREMENTS.title_of  # a column's title: M("period_start") -> "Period start"


def parse_series(text: str) -> str:
    return choice_from_text(text, Series.choices, M("series"), aliases=SERIES_ALIASES)


def measurement_records(table: Table) -> tuple[Iterable, list[str]]:
    extra = check_columns(
        table, required=MEASUREMENT_REQUIRED, known=MEASUREMENT_COLUMNS, what="measurements", title_of=M
    )
    return table.records(), extra


def _parse_measurement(raw: dict, indicators: dict, writable: set | None) -> tuple[dict, list[str]]:
    reasons = []
    parsed: dict = {}
    code = raw.get("indicator_code", "").strip()
    indicator = indicators.get(code.upper())
    if not code:
        reasons.append(f"{M('indicator_code')} is empty: give the indicator's code, as on the scorecard")
    elif indicator is None:
        reasons.append(f'{M("indicator_code")}: no indicator has the code "{code}"; use a code as on the scorecard')
    elif writable is not None and indicator.pk not in writable:
        reasons.append(
            f"{M('indicator_code')}: {indicator.code} is owned by another agency; "
            "you may enter figures only for your agency's indicators"
        )
    parsed["indicator"] = indicator
    for name in ("period_start", "period_end"):
        text = raw.get(name, "")
        try:
            parsed[name] = parse_date(text) if text else None
            if not text:
                reasons.append(f"{M(name)} is empty: give a date, e.g. 2025-04-30 or 30/04/2025")
        except ValueError as exc:
            parsed[name] = None
            reasons.append(f"{M(name)}: {exc}")
    if parsed["period_start"] and parsed["period_end"] and parsed["period_end"] < parsed["period_start"]:
        reasons.append(
            f"{M('period_end')} {parsed['period_end']} is before {M('period_start')} {parsed['period_start']}: "
            "check the two dates"
        )
    try:
        parsed["series"] = parse_series(raw.get("series", ""))
    except ValueError as exc:
        parsed["series"] = None
        reasons.append(str(exc))
    try:
        parsed["value"], parsed["symbol"] = parse_value(raw.get("value", ""))
        if parsed["value"] is None and not parsed["symbol"]:
            reasons.append(
                f"{M('value')} is empty: give a number, or a DfE symbol (c, u, z, : or x) when there is none"
            )
    except ValueError as exc:
        parsed["value"], parsed["symbol"] = None, ""
        reasons.append(f"{M('value')}: {exc}; give a number, or a DfE symbol (c, u, z, : or x) when there is none")
    for name in ("numerator", "denominator"):
        try:
            parsed[name] = parse_number(raw.get(name, ""))
        except ValueError as exc:
            parsed[name] = None
            reasons.append(f"{M(name)}: {exc}; give a number or leave it empty")
    parsed["note"] = raw.get("note", "")[:500]
    if indicator is not None and not reasons:
        reasons.extend(
            f"{M('value')}: {problem}"
            for problem in value_problems(
                unit=indicator.unit,
                decimals=indicator.decimals,
                value=parsed["value"],
                numerator=parsed["numerator"],
                denominator=parsed["denominator"],
            )
        )
    return parsed, reasons


def _key_text(code: str, start, end, series) -> str:
    return f"{code} {as_text(start)} to {as_text(end)} {Series(series).label if series else ''}".strip()


def plan_measurements(
    records: Iterable,
    *,
    user=None,
    origin: str = Measurement.Origin.IMPORT,
    visible=None,
    writable: set | None = None,
) -> Plan:
    """Every row's fate against the stored measurements.

    `visible`: the indicators the importer may see (others read as unknown codes); `writable`:
    ids of those they may write (None: all). Rows that repeat an indicator, period and series
    are all refused, since the file does not say which one is right.
    """
    indicators = {i.code.upper(): i for i in (Indicator.objects.all() if visible is None else visible)}
    plan = Plan(kind="measurements")
    parsed_rows = []
    for row_number, raw in records:
        parsed, reasons = _parse_measurement(raw, indicators, writable)
        parsed_rows.append((row_number, raw, parsed, reasons))
    keys = Counter()
    for _, _, p, reasons in parsed_rows:
        if not reasons:
            keys[(p["indicator"].pk, p["period_start"], p["period_end"], p["series"])] += 1
    first_row: dict = {}
    for row_number, _, p, reasons in parsed_rows:
        if not reasons:
            first_row.setdefault((p["indicator"].pk, p["period_start"], p["period_end"], p["series"]), row_number)

    ids = {p["indicator"].pk for _, _, p, r in parsed_rows if not r}
    starts = [p["period_start"] for _, _, p, r in parsed_rows if not r]
    existing = {}
    if ids:
        for m in Measurement.objects.filter(
            indicator_id__in=ids, period_start__gte=min(starts), period_start__lte=max(starts)
        ).only("pk", "indicator_id", "period_start", "period_end", "series", "origin", "version", *MEASUREMENT_FIELDS):
            existing[(m.indicator_id, m.period_start, m.period_end, m.series)] = m

    now = timezone.now()
    for row_number, raw, p, reasons in parsed_rows:
        code = p["indicator"].code if p["indicator"] else raw.get("indicator_code", "")
        key_text = _key_text(code, p.get("period_start"), p.get("period_end"), p.get("series"))
        if reasons:
            plan.fates.append(Fate(row_number, REFUSED, key_text, reason="; ".join(reasons)))
            continue
        key = (p["indicator"].pk, p["period_start"], p["period_end"], p["series"])
        if keys[key] > 1:
            first = first_row[key]
            plan.fates.append(
                Fate(
                    row_number,
                    REFUSED,
                    key_text,
                    reason=f"the same indicator, period and series appears {keys[key]} times in the file "
                    f"(first at row {first}); keep one of these rows",
                )
            )
            continue
        current = existing.get(key)
        if current is None:
            plan.creates.append(
                Measurement(
                    **{name: p[name] for name in (*MEASUREMENT_KEY, *MEASUREMENT_FIELDS)},
                    origin=origin,
                    entered_by=user,
                    entered_at=now,
                )
            )
            shown = as_text(p["value"]) if p["value"] is not None else p["symbol"]
            plan.fates.append(Fate(row_number, NEW, key_text, changes=[[M("value"), "", shown]]))
            continue
        changes = [
            [M(name), as_text(getattr(current, name)), as_text(p[name])]
            for name in MEASUREMENT_FIELDS
            if getattr(current, name) != p[name]
        ]
        if not changes:
            plan.fates.append(Fate(row_number, UNCHANGED, key_text))
            continue
        if current.is_computed:
            plan.fates.append(
                Fate(
                    row_number,
                    REFUSED,
                    key_text,
                    reason=f"this period is {current.origin_label.lower()}; correct those records instead",
                )
            )
            continue
        for name in MEASUREMENT_FIELDS:
            setattr(current, name, p[name])
        current.origin, current.entered_by, current.entered_at = origin, user, now
        current.version += 1
        plan.updates.append(current)
        plan.fates.append(Fate(row_number, CHANGED, key_text, changes=changes))
    return plan


def _insert_with_history(objs: list[Measurement], *, user, reason: str) -> None:
    """Insert new measurements and their "created" history rows with plain parameterised
    INSERTs (executemany), in the caller's transaction.

    The ORM's bulk_create spends most of a 100,000-row import preparing each value one field at
    a time; the values here were already checked and typed by the plan, so they go straight to
    the driver. The rows are read back once (by their shared entered_at) to key the history.
    """
    from django.db import connection

    ops = connection.ops
    now = objs[0].entered_at
    columns = [f for f in Measurement._meta.concrete_fields if not f.primary_key]
    table = connection.ops.quote_name(Measurement._meta.db_table)
    names = ", ".join(ops.quote_name(f.column) for f in columns)
    marks = ", ".join(["%s"] * len(columns))
    adapted_now = ops.adapt_datetimefield_value(now)

    def value_of(obj, field):
        if field.attname == "entered_at":
            return adapted_now
        return getattr(obj, field.attname)

    with connection.cursor() as cursor:
        for i in range(0, len(objs), BATCH_SIZE):
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608 (names from model metadata)
                [[value_of(obj, f) for f in columns] for obj in objs[i : i + BATCH_SIZE]],
            )
    keyed = {
        (m[1], m[2], m[3], m[4]): m[0]
        for m in Measurement.objects.filter(entered_at=now, origin=objs[0].origin).values_list(
            "pk", "indicator_id", "period_start", "period_end", "series"
        )
    }
    for obj in objs:
        obj.pk = keyed[(obj.indicator_id, obj.period_start, obj.period_end, obj.series)]
    history = Measurement.history.model
    history_columns = [f for f in history._meta.concrete_fields if f.attname != "history_id"]
    extra = {
        "history_date": adapted_now,
        "history_change_reason": reason,
        "history_type": "+",
        "history_user_id": getattr(user, "pk", None),
    }
    history_table = ops.quote_name(history._meta.db_table)
    history_names = ", ".join(ops.quote_name(f.column) for f in history_columns)
    history_marks = ", ".join(["%s"] * len(history_columns))

    def history_value(obj, field):
        if field.attname in extra:
            return extra[field.attname]
        return value_of(obj, field)

    with connection.cursor() as cursor:
        for i in range(0, len(objs), BATCH_SIZE):
            cursor.executemany(
                f"INSERT INTO {history_table} ({history_names}) VALUES ({history_marks})",  # noqa: S608 (names from model metadata)
                [[history_value(obj, f) for f in history_columns] for obj in objs[i : i + BATCH_SIZE]],
            )


def apply_measurements(plan: Plan, *, user, reason: str) -> None:
    from scorecard import status_store

    status_store.data_changed({m.indicator_id for m in [*plan.creates, *plan.updates]})
    if plan.creates:
        _insert_with_history(plan.creates, user=user, reason=reason)
    if plan.updates:
        bulk_update_with_history(
            plan.updates,
            Measurement,
            [*MEASUREMENT_FIELDS, "origin", "entered_by", "entered_at", "version"],
            batch_size=500,
            default_user=user,
            default_change_reason=reason,
        )
