"""Indicator rows: read, matched to the business unit's lookups, planned, then written with
their targets."""

from collections.abc import Iterable

from bscp_portal.lib.import_formats import choice_from_text, one_of
from partnership.models import Agency, OutcomeArea, QAQuadrant, RiskTheme
from scorecard.import_formats import INDICATORS
from scorecard.importing.plan import CHANGED, NEW, REFUSED, UNCHANGED, Fate, Plan
from scorecard.models import POLARITY_CHOICES, Category, Frequency, Indicator, Target, Unit
from scorecard.tables import Table, as_text, check_columns, parse_date, parse_number

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


I = INDICATORS.title_of  # noqa: E741 (a column's title: I("target_from") -> "Target from")


def indicator_records(table: Table) -> tuple[Iterable, list[str]]:
    extra = check_columns(table, required=INDICATOR_REQUIRED, known=INDICATOR_COLUMNS, what="indicators", title_of=I)
    return table.records(), extra


UNIT_ALIASES = {"percent": Unit.PERCENTAGE, "%": Unit.PERCENTAGE, "rate": Unit.RATE, "rate per 10000": Unit.RATE}


def _parse_indicator(raw: dict, lookups: dict) -> tuple[dict, list[str]]:
    reasons: list[str] = []
    values: dict = {}
    code = raw.get("code", "").strip()
    if not code:
        reasons.append(f"{I('code')} is empty: give the indicator a code")
    elif len(code) > 60 or not all(ch.isalnum() or ch in "_-" for ch in code):
        reasons.append(f'{I("code")}: "{code}" may use only letters, digits, _ and - (60 at most)')
    for name in ("name", "definition"):
        if not raw.get(name, "").strip():
            reasons.append(f"{I(name)} is empty: fill it in")
        values[name] = raw.get(name, "").strip()
    if len(values["name"]) > 200:
        reasons.append(f"{I('name')} is longer than 200 characters: shorten it")
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
            values[name] = choice_from_text(text, choices, I(name))
        except ValueError as exc:
            reasons.append(str(exc))
    if raw.get("decimals", ""):
        try:
            values["decimals"] = int(raw["decimals"])
            if not 0 <= values["decimals"] <= 4:
                raise ValueError
        except ValueError:
            reasons.append(f'{I("decimals")}: "{raw["decimals"]}" is not a whole number from 0 to 4')
    for name, table in (("owning_agency", "agencies"), ("outcome_area", "areas"), ("qa_quadrant", "quadrants")):
        text = raw.get(name, "").strip()
        if text:
            found = lookups[table].get(text.lower())
            if found is None:
                reasons.append(f'{I(name)}: "{text}" is not known; {LOOKUP_ADVICE[table](lookups)}')
            values[name] = found
    if raw.get("risk_themes", ""):
        codes = [c.strip().lower() for c in raw["risk_themes"].replace(",", ";").split(";") if c.strip()]
        unknown = [c for c in codes if c not in lookups["themes"]]
        if unknown:
            reasons.append(
                f'{I("risk_themes")}: "{", ".join(unknown)}" not known; write '
                f"{one_of(sorted({t.name for t in lookups['themes'].values()}))}, separated by ;"
            )
        values["risk_themes"] = sorted(lookups["themes"][c].pk for c in codes if c in lookups["themes"])
    for name in ("source", "notes"):
        if name in raw:
            values[name] = raw[name][:300] if name == "source" else raw[name]
    if raw.get("partnership_wide", ""):
        flag = raw["partnership_wide"].strip().lower()
        if flag not in ("true", "false", "yes", "no", "1", "0"):
            reasons.append(
                f'{I("partnership_wide")}: "{raw["partnership_wide"]}" is not one of the choices. Write Yes or No.'
            )
        values["partnership_wide"] = flag in ("true", "yes", "1")
    target = None
    if raw.get("target", "") or raw.get("target_from", ""):
        try:
            target_value = parse_number(raw.get("target", ""))
            target_from = parse_date(raw.get("target_from", "")) if raw.get("target_from", "") else None
            if target_value is None or target_from is None:
                reasons.append(f"{I('target')} and {I('target_from')} go together: give both, or neither")
            else:
                target = (target_value, target_from)
                if values.get("unit") == Unit.PERCENTAGE and not 0 <= target_value <= 100:
                    reasons.append(f"{I('target')}: a percentage target must be from 0 to 100 ({target_value})")
        except ValueError as exc:
            reasons.append(f"{I('target')} or {I('target_from')}: {exc}")
    return {"code": code, "values": values, "target": target}, reasons


LOOKUP_ADVICE = {
    "agencies": lambda lookups: "write an agency's name or short name as in the portal",
    "areas": lambda lookups: f"write {one_of(sorted({a.name for a in lookups['areas'].values()}))}",
    "quadrants": lambda lookups: f"write {one_of(sorted({q.name for q in lookups['quadrants'].values()}))}",
}


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
            reasons.append(
                f"{I('code')} {code} appears again (first at row {seen[code.upper()]}); keep one of these rows"
            )
        seen.setdefault(code.upper(), row_number)
        if reasons:
            plan.fates.append(Fate(row_number, REFUSED, code, reason="; ".join(reasons)))
            continue
        current = existing.get(code.upper())
        target = parsed["target"]
        if current is None:
            plan.creates.append(parsed)
            changes = [[I("name"), "", parsed["values"]["name"]]]
            if target:
                changes.append([I("target"), "", f"{as_text(target[0])} from {target[1]}"])
            plan.fates.append(Fate(row_number, NEW, code, changes=changes))
            continue
        changes = []
        for name, new in parsed["values"].items():
            old = _current_value(current, name, themes_by_indicator)
            if old != new:
                show = (lambda v: ", ".join(str(x) for x in v)) if name == "risk_themes" else as_text
                changes.append([I(name), show(old), show(new)])
        if target:
            stored = targets.get((current.pk, target[1]))
            if stored is None or stored.value != target[0]:
                old = as_text(stored.value) if stored else ""
                changes.append([f"{I('target')} from {target[1]}", old, as_text(target[0])])
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


def apply_indicators(plan: Plan, *, user, reason: str) -> None:
    for parsed in plan.creates:
        _write_indicator(Indicator(code=parsed["code"]), parsed, reason)
    for indicator, parsed in plan.updates:
        _write_indicator(indicator, parsed, reason)
