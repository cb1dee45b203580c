"""Writes for professional disagreements: keyword-only, atomic; history by simple-history."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audits import disagreement_rules
from audits.models import Disagreement
from bscp_portal.lib import periods
from bscp_portal.lib.concurrency import claim_version
from bscp_portal.lib.records import check_field_names

#: The scorecard indicator these records feed (scorecard/framework/indicators.csv).
INDICATOR = "DISAGREE_RESOLVED_EARLY"
ORIGIN = "computed:audits"

FIELDS = (
    "raised_by_agency",
    "with_agency",
    "subject",
    "case_reference",
    "raised_on",
    "manager_on",
    "senior_manager_on",
    "partnership_on",
    "outcome",
    "resolved_on",
    "outcome_note",
)


def _check(fields: dict, today: dt.date) -> None:
    problems = disagreement_rules.stage_problems(fields, fields.get("resolved_on"), today)
    if fields.get("raised_by_agency") and fields.get("raised_by_agency") == fields.get("with_agency"):
        problems["with_agency"] = "A disagreement is between two agencies: choose the other one."
    if not (fields.get("subject") or "").strip():
        problems["subject"] = "Say what the disagreement is about (no names)."
    resolved = fields.get("outcome") not in (None, "", Disagreement.Outcome.OPEN)
    if resolved and fields.get("resolved_on") is None:
        problems.setdefault("resolved_on", "Give the date it was resolved or withdrawn.")
    if not resolved and fields.get("resolved_on") is not None:
        problems.setdefault("outcome", "Choose the outcome of a disagreement with a resolution date.")
    if problems:
        raise ValidationError(problems)


def _apply(record: Disagreement, fields: dict) -> None:
    for name, value in fields.items():
        setattr(record, name, value.strip() if isinstance(value, str) else value)
    record.stage = disagreement_rules.stage_reached(record.stage_dates())


@transaction.atomic
def disagreement_record(*, by, today: dt.date | None = None, **fields) -> Disagreement:
    """Record a professional disagreement raised between two agencies' practitioners."""
    check_field_names(fields, FIELDS, "disagreement")
    fields.setdefault("outcome", Disagreement.Outcome.OPEN)
    _check(fields, today or timezone.localdate())
    record = Disagreement(created_by=by)
    _apply(record, fields)
    record.full_clean()
    record.save()
    if record.resolved_on:
        disagreement_indicator_recompute(on=record.resolved_on)
    return record


@transaction.atomic
def disagreement_update(
    *, record: Disagreement, by, version: int, today: dt.date | None = None, **fields
) -> Disagreement:
    """Record an escalation to the next stage, or the outcome; refuses a stale version."""
    check_field_names(fields, FIELDS, "disagreement")
    _check({f: getattr(record, f) for f in FIELDS} | fields, today or timezone.localdate())
    before = record.resolved_on
    claim_version(Disagreement, record, version)
    _apply(record, fields)
    record.full_clean()
    record.save()
    for day in {before, record.resolved_on} - {None}:
        disagreement_indicator_recompute(on=day)
    return record


@transaction.atomic
def disagreement_indicator_recompute(*, on: dt.date) -> int:
    """Write the scorecard figure for the financial year holding `on`: the share of the year's
    resolved disagreements (withdrawn left out) resolved between practitioners or managers.
    Replaces the figure computed before; writes nothing for a year with none resolved."""
    from scorecard.services import measurements_replace_computed

    year = periods.financial_year(on)
    start, end = year.dates
    stages = list(
        Disagreement.objects.filter(resolved_on__range=(start, end))
        .exclude(outcome__in=[Disagreement.Outcome.OPEN, Disagreement.Outcome.WITHDRAWN])
        .values_list("stage", flat=True)
    )
    figure = disagreement_rules.resolved_early(stages)
    if figure is None:
        return 0
    numerator, denominator, value = figure
    row = {
        "period_start": start,
        "period_end": end,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "note": f"{numerator} of {denominator} resolved between practitioners or managers",
    }
    measurements_replace_computed(indicator_code=INDICATOR, origin=ORIGIN, rows=[row])
    return 1
