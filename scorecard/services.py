"""Writes for the scorecard: keyword-only, atomic; other strands call these, never the models."""

import json
import re
import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from bscp_portal.lib import uploads
from bscp_portal.lib.concurrency import StaleEdit, claim_version
from bscp_portal.lib.rounding import round_half_up
from partnership import access
from scorecard import dfe, tables
from scorecard.importing import apply_plan
from scorecard.importing import indicators as indicator_import
from scorecard.importing import measurements as measurement_import
from scorecard.importing.plan import Plan
from scorecard.models import AgencyReturn, ChartNote, ImportBatch, Indicator, Measurement, Series, Submitter, Target
from scorecard.rag import to_decimal
from scorecard.rules import value_problems


def _as_date(value, name: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError(f"{name} {value!r} is not a date.") from exc


def _checked_row(indicator: Indicator, row: dict, position: int) -> dict:
    start = _as_date(row.get("period_start"), "period_start")
    end = _as_date(row.get("period_end"), "period_end")
    where = f"{indicator.code} row {position} ({start} to {end})"
    if end < start:
        raise ValidationError(f"{where}: the period ends before it starts.")
    series = row.get("series") or Series.LOCAL
    if series not in Series.values:
        raise ValidationError(f"{where}: unknown series {series!r}.")
    value = to_decimal(row.get("value"))
    numerator = to_decimal(row.get("numerator"))
    denominator = to_decimal(row.get("denominator"))
    problems = value_problems(
        unit=indicator.unit, decimals=indicator.decimals, value=value, numerator=numerator, denominator=denominator
    )
    if problems:
        raise ValidationError(f"{where}: {'; '.join(problems)}.")
    return {
        "period_start": start,
        "period_end": end,
        "series": series,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "note": (row.get("note") or "")[:500],
    }


@transaction.atomic
def measurements_replace_computed(*, indicator_code: str, origin: str, rows: list[dict], by=None) -> dict:
    """Store figures another strand computed from its own records (e.g. origin "computed:conferences").

    Each row: period_start, period_end, value, and optionally numerator, denominator, series
    ("local" by default) and note. Each period is upserted on indicator + period + series:
    an existing measurement for that period is replaced (whatever its origin), never duplicated.
    Periods not in `rows` are left alone. All rows are checked first; one bad row refuses them all.
    Returns {"created": n, "updated": n, "unchanged": n}.
    """
    if not origin.startswith(Measurement.Origin.COMPUTED_PREFIX) or origin == Measurement.Origin.COMPUTED_PREFIX:
        raise ValidationError('origin must read "computed:<strand>", e.g. "computed:conferences".')
    indicator = Indicator.objects.filter(code=indicator_code).first()
    if indicator is None:
        raise ValidationError(f"Unknown indicator code {indicator_code!r}.")
    checked = [_checked_row(indicator, row, i) for i, row in enumerate(rows, start=1)]
    keys = [(r["period_start"], r["period_end"], r["series"]) for r in checked]
    if len(set(keys)) != len(keys):
        raise ValidationError(f"{indicator_code}: the same period and series appears twice.")
    existing = {
        (m.period_start, m.period_end, m.series): m
        for m in Measurement.objects.filter(indicator=indicator, period_start__in={k[0] for k in keys})
    }
    now = timezone.now()
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for key, row in zip(keys, checked, strict=True):
        current = existing.get(key)
        if current is None:
            Measurement.objects.create(
                indicator=indicator, origin=origin, entered_by=by, entered_at=now, symbol="", **row
            )
            counts["created"] += 1
            continue
        fields = {**row, "origin": origin, "symbol": ""}
        if all(getattr(current, name) == val for name, val in fields.items()):
            counts["unchanged"] += 1
            continue
        for name, val in fields.items():
            setattr(current, name, val)
        current.entered_by, current.entered_at = by, now
        current.version += 1
        current._change_reason = f"recomputed ({origin})"
        current.save()
        counts["updated"] += 1
    return counts


# --- imports ---------------------------------------------------------------------------------


class PlanChanged(Exception):
    """The stored data changed after the preview, so the preview no longer says what would happen."""


IMPORTS_FOLDER = "scorecard-imports"


def _import_file(name: str) -> str:
    """Where an uploaded import file (or its stored preview) lives in the default storage."""
    return f"{IMPORTS_FOLDER}/{name}"


def _save_file(name: str, data: bytes) -> None:
    """Write under exactly this name (the storage API would rename a clash; ours are unique)."""
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(data))


def _read_file(name: str) -> bytes | None:
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _writable_ids(user) -> set | None:
    """None when the user may import for every indicator (business unit), else their agency's."""
    if user is None or access.is_business_unit(user):
        return None
    if user.agency_id is None:
        return set()
    return set(Indicator.objects.filter(owning_agency_id=user.agency_id).values_list("pk", flat=True))


def _indicator_units() -> dict[str, tuple[str, int]]:
    return {
        code: (unit, decimals) for code, unit, decimals in Indicator.objects.values_list("code", "unit", "decimals")
    }


def build_plan(*, kind: str, data: bytes, user, options: dict | None = None, file_label: str = "") -> Plan:
    """Read a file and work out every row's fate; FileRefused when the file as a whole is wrong."""
    if kind == ImportBatch.Kind.INDICATORS:
        table = tables.read_table(data, prefer_sheet="indicators")
        records, extra = indicator_import.indicator_records(table)
        plan = indicator_import.plan_indicators(records)
    elif kind == ImportBatch.Kind.DFE:
        options = options or {}
        table = tables.read_table(data)
        records, extra = dfe.measurement_rows(
            table,
            local_authority=options.get("local_authority", ""),
            region=options.get("region", ""),
            neighbours=options.get("neighbours", []),
            indicators=_indicator_units(),
            file_label=file_label or "DfE",
        )
        plan = measurement_import.plan_measurements(
            records, user=user, origin=Measurement.Origin.DFE, writable=_writable_ids(user)
        )
    else:
        table = tables.read_table(data, prefer_sheet="measurements")
        records, extra = measurement_import.measurement_records(table)
        visible = None if user is None else Indicator.objects.for_user(user)
        plan = measurement_import.plan_measurements(records, user=user, visible=visible, writable=_writable_ids(user))
    plan.extra_columns = extra
    return plan


def _check_size(data: bytes) -> None:
    problem = uploads.size_problem("The file", len(data), "spreadsheet")
    if problem:
        raise ValidationError(problem)


def _store_plan(batch: ImportBatch, plan: Plan) -> None:
    _save_file(
        _import_file(f"{batch.stored_name}.plan.json"),
        json.dumps([f.as_list() for f in plan.fates], default=str).encode(),
    )
    batch.counts = plan.counts
    batch.extra_columns = plan.extra_columns
    batch.fingerprint = plan.fingerprint


def import_fates(*, batch: ImportBatch) -> list[list]:
    """The stored preview: [row, fate, key, changes, reason] for every row of the file."""
    data = _read_file(_import_file(f"{batch.stored_name}.plan.json"))
    return json.loads(data) if data is not None else []


@transaction.atomic
def import_preview(*, kind: str, data: bytes, original_name: str, user, options: dict | None = None) -> ImportBatch:
    """Keep the uploaded file under an internal name and record the fate of every row; writes no data."""
    _check_size(data)
    try:
        plan = build_plan(kind=kind, data=data, user=user, options=options, file_label=original_name)
    except tables.FileRefused as exc:
        raise ValidationError(str(exc)) from exc
    stored = uuid.uuid4().hex
    _save_file(_import_file(stored), data)
    batch = ImportBatch(
        kind=kind, original_name=original_name[:255], stored_name=stored, uploaded_by=user, options=options or {}
    )
    _store_plan(batch, plan)
    batch.save()
    return batch


def import_confirm(*, batch: ImportBatch, user, fingerprint: str) -> dict[str, int]:
    """Write every new and changed row of a previewed file in one transaction, or nothing.

    The plan is worked out again against the data as it is now; when that differs from what the
    person saw (someone changed the figures meanwhile) nothing is written, the new preview is
    stored and PlanChanged raised, so nothing is written that was not shown.
    """
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatch.Status.PREVIEW:
            raise ValidationError("This file has already been imported.")
        data = _read_file(_import_file(locked.stored_name))
        if data is None:
            raise ValidationError("The uploaded file is no longer kept; upload it again.")
        plan = build_plan(
            kind=locked.kind, data=data, user=user, options=locked.options, file_label=locked.original_name
        )
        if plan.fingerprint == fingerprint == locked.fingerprint:
            apply_plan(plan, user=user, reason=f"import of {locked.original_name}"[:100])
            locked.status = ImportBatch.Status.APPLIED
            locked.applied_at = timezone.now()
            locked.save(update_fields=["status", "applied_at"])
            return plan.counts
    _store_plan(locked, plan)
    locked.save(update_fields=["counts", "extra_columns", "fingerprint"])
    raise PlanChanged()


def import_run(
    *, kind: str, data: bytes, user=None, dry_run: bool = False, file_label: str = "", options: dict | None = None
) -> Plan:
    """The management commands' import: the same plan as the upload page, written at once
    unless `dry_run` (refused rows are reported and left out)."""
    _check_size(data)
    try:
        plan = build_plan(kind=kind, data=data, user=user, options=options, file_label=file_label)
    except tables.FileRefused as exc:
        raise ValidationError(str(exc)) from exc
    if not dry_run and plan.writes:
        apply_plan(plan, user=user, reason=f"import of {file_label}"[:100])
    return plan


# --- one measurement, one target --------------------------------------------------------------


@transaction.atomic
def measurement_record(
    *,
    indicator: Indicator,
    by,
    period_start: date,
    period_end: date,
    value,
    symbol: str = "",
    series: str = Series.LOCAL,
    numerator=None,
    denominator=None,
    note: str = "",
    version: int | None = None,
) -> Measurement:
    """Enter or correct one period's figure by hand (upsert on indicator + period + series).

    Correcting an existing figure needs the version the form was opened on (StaleEdit if it has
    moved on); a figure computed from another strand's records cannot be overwritten here.
    """
    checked = _checked_row(
        indicator,
        {
            "period_start": period_start,
            "period_end": period_end,
            "series": series,
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "note": note,
        },
        1,
    )
    if checked["value"] is None and not symbol:
        raise ValidationError({"value": "Enter a number or a DfE symbol (c, u, z, :, x)."})
    current = (
        Measurement.objects.select_for_update()
        .filter(indicator=indicator, period_start=period_start, period_end=period_end, series=checked["series"])
        .first()
    )
    now = timezone.now()
    if current is None:
        return Measurement.objects.create(
            indicator=indicator,
            origin=Measurement.Origin.MANUAL,
            entered_by=by,
            entered_at=now,
            symbol=symbol,
            **checked,
        )
    if current.is_computed:
        raise ValidationError(f"This period is {current.origin_label.lower()}; correct those records instead.")
    if version is None or version != current.version:
        raise StaleEdit()
    for name, val in {**checked, "symbol": symbol}.items():
        setattr(current, name, val)
    current.origin, current.entered_by, current.entered_at = Measurement.Origin.MANUAL, by, now
    current.version += 1
    current._change_reason = "corrected by hand"
    current.save()
    return current


@transaction.atomic
def chart_note_add(*, indicator: Indicator, by, kind: str, on: date, text: str) -> ChartNote:
    """Mark an event or a process change on an indicator's chart."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Say in a few words what happened."})
    if kind not in ChartNote.Kind.values:
        raise ValidationError({"kind": "Choose an event or a process change."})
    return ChartNote.objects.create(indicator=indicator, kind=kind, on=on, text=text[:120], created_by=by)


@transaction.atomic
def chart_note_remove(*, note: ChartNote, by) -> None:
    """Take a note off the chart (kept in its history)."""
    note._change_reason = f"removed by {by}"
    note.delete()


@transaction.atomic
def target_set(*, indicator: Indicator, by, value, effective_from: date, note: str = "") -> Target:
    """Set the target in force from a date (replacing one set for that same date)."""
    value = to_decimal(value)
    if value is None:
        raise ValidationError({"value": "Enter the target as a number."})
    if indicator.unit == "percentage" and not 0 <= value <= 100:
        raise ValidationError({"value": "A percentage target must be from 0 to 100."})
    if value < 0:
        raise ValidationError({"value": "A target cannot be negative."})
    target, _ = Target.objects.update_or_create(
        indicator=indicator, effective_from=effective_from, defaults={"value": value, "note": note[:300]}
    )
    return target


# --- the data calendar: agencies' returns and the partnership value built from them ----------

RETURNS_ORIGIN = "computed:agency returns"


def _return_problems(indicator: Indicator, numerator, denominator) -> dict:
    problems = {}
    if numerator is None:
        problems["numerator"] = "Enter the figure."
    elif numerator < 0:
        problems["numerator"] = "The figure cannot be negative."
    if indicator.unit != "count":
        if denominator is None:
            problems["denominator"] = "Enter the number it is out of."
        elif denominator <= 0:
            problems["denominator"] = "The number it is out of must be more than 0."
        elif indicator.unit == "percentage" and numerator is not None and numerator > denominator:
            problems["numerator"] = "The figure cannot be more than the number it is out of."
    return problems


@transaction.atomic
def agency_return_submit(
    *, indicator: Indicator, agency, period_start: date, numerator, denominator=None, note: str = "", by, today=None
) -> AgencyReturn:
    """An agency's figure for one period: recorded with its due date and how late it came (a
    correction keeps the first submission date), then the partnership value is rebuilt from
    every agency's numerators and denominators."""
    from scorecard import calendar

    today = today or timezone.localdate()
    if not Submitter.objects.filter(indicator=indicator, agency=agency, active=True).exists():
        raise ValidationError(f"{agency} does not submit figures for {indicator.name}.")
    start, end = calendar.period_containing(indicator.frequency, period_start)
    if start != period_start:
        raise ValidationError({"period_start": "That is not the start of a reporting period for this indicator."})
    if end >= today:
        raise ValidationError({"period_start": f"The period runs until {end:%-d %B %Y}: enter it once it has ended."})
    problems = _return_problems(indicator, numerator, denominator)
    if problems:
        raise ValidationError(problems)
    if indicator.unit == "count":
        denominator = None
    due_on = calendar.due_date(end, indicator.due_days)
    existing = (
        AgencyReturn.objects.select_for_update().filter(indicator=indicator, agency=agency, period_start=start).first()
    )
    if existing is None:
        row = AgencyReturn.objects.create(
            indicator=indicator,
            agency=agency,
            period_start=start,
            period_end=end,
            numerator=numerator,
            denominator=denominator,
            note=note[:500],
            due_on=due_on,
            submitted_on=today,
            days_late=calendar.days_late(due_on, today),
            submitted_by=by,
        )
    else:
        row = existing
        row.numerator, row.denominator, row.note, row.submitted_by = numerator, denominator, note[:500], by
        row.version += 1
        row._change_reason = "corrected"
        row.save()
    partnership_value_rebuild(indicator=indicator, period_start=start, period_end=end, by=by)
    return row


def partnership_value_rebuild(*, indicator: Indicator, period_start: date, period_end: date, by=None) -> None:
    """The partnership's figure for one period from the agencies' returns so far (sums of
    numerators over sums of denominators, never an average of percentages)."""
    from scorecard import calendar

    rows = list(
        AgencyReturn.objects.filter(indicator=indicator, period_start=period_start).values_list(
            "numerator", "denominator"
        )
    )
    expected = Submitter.objects.filter(indicator=indicator, active=True).count()
    numerator, denominator, value = calendar.partnership_value(indicator.unit, rows)
    if value is None:
        return
    measurements_replace_computed(
        indicator_code=indicator.code,
        origin=RETURNS_ORIGIN,
        rows=[
            {
                "period_start": period_start,
                "period_end": period_end,
                "value": round_half_up(value, indicator.decimals),
                "numerator": numerator,
                "denominator": denominator,
                "note": f"From {len(rows)} of {expected} agencies' returns",
            }
        ],
        by=by,
    )


@transaction.atomic
def figure_mark_missing(*, indicator: Indicator, period_start: date, period_end: date) -> bool:
    """No agency sent a figure 10 working days after it was due: the scorecard shows ":" (not
    available), never 0. True when the mark was made now."""
    if Measurement.objects.filter(
        indicator=indicator, period_start=period_start, period_end=period_end, series=Series.LOCAL
    ).exists():
        return False
    Measurement.objects.create(
        indicator=indicator,
        period_start=period_start,
        period_end=period_end,
        series=Series.LOCAL,
        value=None,
        symbol=":",
        note="No agency's figure received 10 working days after it was due",
        origin=RETURNS_ORIGIN,
        entered_at=timezone.now(),
    )
    return True


# --- indicator settings: the business unit's catalogue, edited in the portal --------------------

#: An indicator's code: letters, digits, hyphens and underscores (it appears in addresses,
#: imports and exports, so it never changes once the indicator exists).
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
CODE_RULE = "Use only letters, digits, hyphens (-) and underscores (_), 60 characters at most, no spaces."
SETTING_FIELDS = (
    "name", "definition", "unit", "decimals", "polarity", "frequency", "category", "owning_agency",
    "outcome_area", "qa_quadrant", "source", "notes", "partnership_wide", "key_indicator", "active", "due_days",
)  # fmt: skip


def _settings_problems(values: dict) -> dict:
    problems = {}
    for name in ("name", "definition"):
        if not (values.get(name) or "").strip():
            problems[name] = "Fill this in."
    if not values.get("partnership_wide", True) and values.get("owning_agency") is None:
        problems["owning_agency"] = (
            "An indicator not shown to every partner is seen by its owning agency only: choose that agency, "
            "or tick “Shown to every partner”."
        )
    return problems


def _apply_settings(indicator: Indicator, values: dict) -> None:
    for name in SETTING_FIELDS:
        if name in values:
            value = values[name]
            setattr(indicator, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def indicator_create(*, by, code: str, risk_themes=(), **values) -> Indicator:
    """Add an indicator to the scorecard under a new, stable code."""
    code = (code or "").strip()
    problems = _settings_problems({"name": "", "definition": "", "partnership_wide": True, **values})
    if not CODE_PATTERN.match(code):
        problems["code"] = (
            f"“{code}” cannot be a code. {CODE_RULE}" if code else f"Give the indicator a code. {CODE_RULE}"
        )
    else:
        taken = Indicator.objects.filter(code__iexact=code).first()
        if taken is not None:
            problems["code"] = f"The code {taken.code} is already used by “{taken.name}”. Choose another code."
    if problems:
        raise ValidationError(problems)
    indicator = Indicator(code=code)
    _apply_settings(indicator, values)
    indicator._change_reason = f"created by {by}"
    indicator.save()
    indicator.risk_themes.set(risk_themes)
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, by, version: int | None, risk_themes=None, **values) -> Indicator:
    """Change an indicator's settings; StaleEdit when someone else saved since the form opened."""
    problems = _settings_problems({**{n: getattr(indicator, n) for n in SETTING_FIELDS}, **values})
    if problems:
        raise ValidationError(problems)
    claim_version(Indicator, indicator, version)
    _apply_settings(indicator, values)
    indicator._change_reason = f"settings changed by {by}"
    indicator.save()
    if risk_themes is not None:
        indicator.risk_themes.set(risk_themes)
    return indicator


@transaction.atomic
def submitter_set(
    *, indicator: Indicator, by, agency, responsible=None, expected_from: date | None = None
) -> Submitter:
    """Make an agency a submitter of the indicator (or change its responsible person)."""
    if responsible is not None and responsible.agency_id != agency.pk:
        where = responsible.agency.name if responsible.agency_id else "no agency"
        raise ValidationError(
            {
                "responsible": f"{responsible.get_full_name() or responsible.username} works for {where}, not "
                f"{agency.name}. Choose a person of {agency.name}, or leave it empty."
            }
        )
    submitter, _ = Submitter.objects.update_or_create(
        indicator=indicator,
        agency=agency,
        defaults={"responsible": responsible, "expected_from": expected_from, "active": True},
    )
    return submitter


@transaction.atomic
def submitter_remove(*, submitter: Submitter, by) -> None:
    """Stop an agency submitting the indicator (its returns so far are kept)."""
    submitter.active = False
    submitter._change_reason = f"removed by {by}"
    submitter.save()
