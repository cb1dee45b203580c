"""Import plans: every row's fate (new, changed old → new, unchanged, refused with its reason)
worked out before anything is written, then written in one transaction.

Shared by the upload pages and the `import_indicators` / `import_measurements` commands, and by
the DfE benchmark upload (which turns a DfE file into measurement rows first).
"""

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from partnership.models import Agency, OutcomeArea, QAQuadrant, RiskTheme
from scorecard.models import (
    POLARITY_CHOICES,
    Category,
    Frequency,
    Indicator,
    Measurement,
    Series,
    Target,
    Unit,
)
from scorecard.rules import value_problems
from scorecard.tables import Table, as_text, check_columns, parse_date, parse_number, parse_value

NEW, CHANGED, UNCHANGED, REFUSED = "new", "changed", "unchanged", "refused"
FATES = (NEW, CHANGED, UNCHANGED, REFUSED)
BATCH_SIZE = 2000

MEASUREMENT_REQUIRED = {"indicator_code", "period_start", "period_end", "value"}
MEASUREMENT_COLUMNS = MEASUREMENT_REQUIRED | {"series", "numerator", "denominator", "note"}
MEASUREMENT_FIELDS = ("value", "symbol", "numerator", "denominator", "note")

INDICATOR_REQUIRED = {"code", "name", "definition", "unit", "polarity", "frequency", "category"}
INDICATOR_OPTIONAL = {
    "target",
    "target_from",
    "decimals",
    "owning_agency",
    "outcome_area",
    "qa_quadrant",
    "risk_themes",
    "source",
    "notes",
    "partnership_wide",
}
INDICATOR_COLUMNS = INDICATOR_REQUIRED | INDICATOR_OPTIONAL


@dataclass
class Fate:
    row: int
    fate: str
    key: str
    changes: list = field(default_factory=list)  # [field, old, new]
    reason: str = ""

    def as_list(self) -> list:
        return [self.row, self.fate, self.key, self.changes, self.reason]


@dataclass
class Plan:
    kind: str
    fates: list[Fate] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    creates: list = field(default_factory=list)
    updates: list = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        tally = Counter(f.fate for f in self.fates)
        return {fate: tally.get(fate, 0) for fate in FATES}

    @property
    def writes(self) -> int:
        return len(self.creates) + len(self.updates)

    @property
    def fingerprint(self) -> str:
        """Identifies what confirming would write; a stale preview no longer matches."""
        digest = hashlib.sha256()
        for f in self.fates:
            if f.fate in (NEW, CHANGED):
                digest.update(json.dumps(f.as_list(), default=str).encode())
        return digest.hexdigest()


def _choice(text: str, choices, what: str) -> str:
    """A choice by its value or its label, case-insensitively."""
    wanted = text.strip().lower()
    for value, label in choices:
        if wanted in (str(value).lower(), str(label).lower()):
            return value
    raise ValueError(f'unknown {what} "{text}" (use {", ".join(str(v) for v, _ in choices)})')


SERIES_ALIASES = {
    "": Series.LOCAL,
    "la": Series.LOCAL,
    "sn": Series.STAT_NEIGHBOURS,
    "statistical_neighbours": Series.STAT_NEIGHBOURS,
}


def parse_series(text: str) -> str:
    key = text.strip().lower()
    if key in SERIES_ALIASES:
        return SERIES_ALIASES[key]
    return _choice(text, Series.choices, "series")


# --- measurements ----------------------------------------------------------------------------


def measurement_records(table: Table) -> tuple[Iterable, list[str]]:
    extra = check_columns(table, required=MEASUREMENT_REQUIRED, known=MEASUREMENT_COLUMNS, what="measurements")
    return table.records(), extra


def _parse_measurement(raw: dict, indicators: dict, writable: set | None) -> tuple[dict, list[str]]:
    reasons = []
    parsed: dict = {}
    code = raw.get("indicator_code", "").strip()
    indicator = indicators.get(code.upper())
    if not code:
        reasons.append("indicator_code is empty")
    elif indicator is None:
        reasons.append(f'unknown indicator code "{code}"')
    elif writable is not None and indicator.pk not in writable:
        reasons.append(
            f"{indicator.code} is owned by another agency: you may enter data only for your agency's indicators"
        )
    parsed["indicator"] = indicator
    for name in ("period_start", "period_end"):
        text = raw.get(name, "")
        try:
            parsed[name] = parse_date(text) if text else None
            if not text:
                reasons.append(f"{name} is empty")
        except ValueError as exc:
            parsed[name] = None
            reasons.append(f"{name}: {exc}")
    if parsed["period_start"] and parsed["period_end"] and parsed["period_end"] < parsed["period_start"]:
        reasons.append(f"period_end {parsed['period_end']} is before period_start {parsed['period_start']}")
    try:
        parsed["series"] = parse_series(raw.get("series", ""))
    except ValueError as exc:
        parsed["series"] = None
        reasons.append(str(exc))
    try:
        parsed["value"], parsed["symbol"] = parse_value(raw.get("value", ""))
        if parsed["value"] is None and not parsed["symbol"]:
            reasons.append("value is empty: give a number or a DfE symbol (c, u, z, :, x)")
    except ValueError as exc:
        parsed["value"], parsed["symbol"] = None, ""
        reasons.append(f"value: {exc}")
    for name in ("numerator", "denominator"):
        try:
            parsed[name] = parse_number(raw.get(name, ""))
        except ValueError as exc:
            parsed[name] = None
            reasons.append(f"{name}: {exc}")
    parsed["note"] = raw.get("note", "")[:500]
    if indicator is not None and not reasons:
        reasons.extend(
            value_problems(
                unit=indicator.unit,
                decimals=indicator.decimals,
                value=parsed["value"],
                numerator=parsed["numerator"],
                denominator=parsed["denominator"],
            )
        )
    return parsed, reasons


def _key_text(code: str, start, end, series) -> str:
    return f"{code} {as_text(start)} to {as_text(end)} {series or ''}".strip()


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
                    f"(first at row {first}); keep one",
                )
            )
            continue
        current = existing.get(key)
        if current is None:
            plan.creates.append(
                Measurement(
                    indicator=p["indicator"],
                    period_start=p["period_start"],
                    period_end=p["period_end"],
                    series=p["series"],
                    value=p["value"],
                    symbol=p["symbol"],
                    numerator=p["numerator"],
                    denominator=p["denominator"],
                    note=p["note"],
                    origin=origin,
                    entered_by=user,
                    entered_at=now,
                )
            )
            shown = as_text(p["value"]) if p["value"] is not None else p["symbol"]
            plan.fates.append(Fate(row_number, NEW, key_text, changes=[["value", "", shown]]))
            continue
        changes = [
            [name, as_text(getattr(current, name)), as_text(p[name])]
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


def _apply_measurements(plan: Plan, *, user, reason: str) -> None:
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


# --- indicators ------------------------------------------------------------------------------


def indicator_records(table: Table) -> tuple[Iterable, list[str]]:
    extra = check_columns(table, required=INDICATOR_REQUIRED, known=INDICATOR_COLUMNS, what="indicators")
    return table.records(), extra


UNIT_ALIASES = {"percent": Unit.PERCENTAGE, "%": Unit.PERCENTAGE, "rate": Unit.RATE, "rate per 10000": Unit.RATE}


def _parse_indicator(raw: dict, lookups: dict) -> tuple[dict, list[str]]:
    reasons: list[str] = []
    values: dict = {}
    code = raw.get("code", "").strip()
    if not code:
        reasons.append("code is empty")
    elif len(code) > 60 or not all(ch.isalnum() or ch in "_-" for ch in code):
        reasons.append(f'code "{code}" may use only letters, digits, _ and - (60 at most)')
    for name in ("name", "definition"):
        if not raw.get(name, "").strip():
            reasons.append(f"{name} is empty")
        values[name] = raw.get(name, "").strip()
    if len(values["name"]) > 200:
        reasons.append("name is longer than 200 characters")
    for name, choices in (
        ("unit", Unit.choices),
        ("polarity", POLARITY_CHOICES),
        ("frequency", Frequency.choices),
        ("category", Category.choices),
    ):
        text = raw.get(name, "")
        if name == "category" and not text:
            values[name] = Category.OTHER
            continue
        if name == "unit" and text.strip().lower() in UNIT_ALIASES:
            values[name] = UNIT_ALIASES[text.strip().lower()]
            continue
        try:
            values[name] = _choice(text, choices, name)
        except ValueError as exc:
            reasons.append(str(exc))
    if raw.get("decimals", ""):
        try:
            values["decimals"] = int(raw["decimals"])
            if not 0 <= values["decimals"] <= 4:
                raise ValueError
        except ValueError:
            reasons.append(f'decimals "{raw["decimals"]}" must be a whole number from 0 to 4')
    for name, table in (("owning_agency", "agencies"), ("outcome_area", "areas"), ("qa_quadrant", "quadrants")):
        text = raw.get(name, "").strip()
        if text:
            found = lookups[table].get(text.lower())
            if found is None:
                reasons.append(f'unknown {name.replace("_", " ")} "{text}"')
            values[name] = found
    if raw.get("risk_themes", ""):
        codes = [c.strip().lower() for c in raw["risk_themes"].replace(",", ";").split(";") if c.strip()]
        unknown = [c for c in codes if c not in lookups["themes"]]
        if unknown:
            reasons.append(f"unknown risk theme {', '.join(unknown)}")
        values["risk_themes"] = sorted(lookups["themes"][c].pk for c in codes if c in lookups["themes"])
    for name in ("source", "notes"):
        if name in raw:
            values[name] = raw[name][:300] if name == "source" else raw[name]
    if raw.get("partnership_wide", ""):
        flag = raw["partnership_wide"].strip().lower()
        if flag not in ("true", "false", "yes", "no", "1", "0"):
            reasons.append(f'partnership_wide "{raw["partnership_wide"]}" must be true or false')
        values["partnership_wide"] = flag in ("true", "yes", "1")
    target = None
    if raw.get("target", "") or raw.get("target_from", ""):
        try:
            target_value = parse_number(raw.get("target", ""))
            target_from = parse_date(raw.get("target_from", "")) if raw.get("target_from", "") else None
            if target_value is None or target_from is None:
                reasons.append("give both target and target_from, or neither")
            else:
                target = (target_value, target_from)
                if values.get("unit") == Unit.PERCENTAGE and not 0 <= target_value <= 100:
                    reasons.append(f"a percentage target must be from 0 to 100 ({target_value})")
        except ValueError as exc:
            reasons.append(f"target: {exc}")
    return {"code": code, "values": values, "target": target}, reasons


def _lookups() -> dict:
    agencies = {}
    for agency in Agency.objects.all():
        agencies[agency.name.lower()] = agency
        if agency.short_name:
            agencies.setdefault(agency.short_name.lower(), agency)
    areas = {}
    for area in OutcomeArea.objects.all():
        areas[area.code.lower()] = areas[area.name.lower()] = area
    quadrants = {}
    for quadrant in QAQuadrant.objects.all():
        quadrants[quadrant.code.lower()] = quadrants[quadrant.name.lower()] = quadrant
    themes = {}
    for theme in RiskTheme.objects.all():
        themes[theme.code.lower()] = themes[theme.name.lower()] = theme
    return {"agencies": agencies, "areas": areas, "quadrants": quadrants, "themes": themes}


def _current_value(indicator: Indicator, name: str, themes_by_indicator: dict):
    if name == "risk_themes":
        return themes_by_indicator.get(indicator.pk, [])
    return getattr(indicator, name)


def plan_indicators(records: Iterable) -> Plan:
    """Every row's fate against the stored catalogue (an indicator and, optionally, a target)."""
    lookups = _lookups()
    existing = {
        i.code.upper(): i for i in Indicator.objects.select_related("owning_agency", "outcome_area", "qa_quadrant")
    }
    themes_by_indicator: dict[int, list[int]] = {}
    for indicator_id, theme_id in Indicator.risk_themes.through.objects.values_list("indicator_id", "risktheme_id"):
        themes_by_indicator.setdefault(indicator_id, []).append(theme_id)
    themes_by_indicator = {k: sorted(v) for k, v in themes_by_indicator.items()}
    targets = {(t.indicator_id, t.effective_from): t for t in Target.objects.all()}
    plan = Plan(kind="indicators")
    seen: dict[str, int] = {}
    for row_number, raw in records:
        parsed, reasons = _parse_indicator(raw, lookups)
        code = parsed["code"]
        if code and code.upper() in seen:
            reasons.append(f"code {code} appears again (first at row {seen[code.upper()]}); keep one")
        seen.setdefault(code.upper(), row_number)
        if reasons:
            plan.fates.append(Fate(row_number, REFUSED, code, reason="; ".join(reasons)))
            continue
        current = existing.get(code.upper())
        target = parsed["target"]
        if current is None:
            plan.creates.append(parsed)
            changes = [["name", "", parsed["values"]["name"]]]
            if target:
                changes.append(["target", "", f"{as_text(target[0])} from {target[1]}"])
            plan.fates.append(Fate(row_number, NEW, code, changes=changes))
            continue
        changes = []
        for name, new in parsed["values"].items():
            old = _current_value(current, name, themes_by_indicator)
            if old != new:
                show = (lambda v: ", ".join(str(x) for x in v)) if name == "risk_themes" else as_text
                changes.append([name, show(old), show(new)])
        if target:
            stored = targets.get((current.pk, target[1]))
            if stored is None or stored.value != target[0]:
                old = as_text(stored.value) if stored else ""
                changes.append([f"target from {target[1]}", old, as_text(target[0])])
        if not changes:
            plan.fates.append(Fate(row_number, UNCHANGED, code))
            continue
        plan.updates.append((current, parsed))
        plan.fates.append(Fate(row_number, CHANGED, code, changes=changes))
    return plan


def _write_indicator(indicator: Indicator, parsed: dict, reason: str) -> None:
    values = dict(parsed["values"])
    themes = values.pop("risk_themes", None)
    for name, value in values.items():
        setattr(indicator, name, value)
    if indicator.pk:
        indicator.version += 1
    indicator._change_reason = reason
    indicator.save()
    if themes is not None:
        indicator.risk_themes.set(themes)
    if parsed["target"]:
        value, effective_from = parsed["target"]
        Target.objects.update_or_create(
            indicator=indicator, effective_from=effective_from, defaults={"value": value, "note": reason[:300]}
        )


def _apply_indicators(plan: Plan, *, user, reason: str) -> None:
    for parsed in plan.creates:
        _write_indicator(Indicator(code=parsed["code"]), parsed, reason)
    for indicator, parsed in plan.updates:
        _write_indicator(indicator, parsed, reason)


@transaction.atomic
def apply_plan(plan: Plan, *, user, reason: str) -> dict[str, int]:
    """Write every new and changed row in one transaction (refused rows are left out)."""
    if plan.kind == "indicators":
        _apply_indicators(plan, user=user, reason=reason)
    else:
        _apply_measurements(plan, user=user, reason=reason)
    return plan.counts
