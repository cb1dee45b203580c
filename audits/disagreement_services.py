"""Writes for professional disagreements: keyword-only, atomic; history by simple-history."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audits import disagreement_rules
from audits.models import Disagreement
from bscp_portal.lib.concurrency import claim_version

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
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown disagreement fields: {sorted(unknown)}")
    fields.setdefault("outcome", Disagreement.Outcome.OPEN)
    _check(fields, today or timezone.localdate())
    record = Disagreement(created_by=by)
    _apply(record, fields)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def disagreement_update(
    *, record: Disagreement, by, version: int, today: dt.date | None = None, **fields
) -> Disagreement:
    """Record an escalation to the next stage, or the outcome; refuses a stale version."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown disagreement fields: {sorted(unknown)}")
    _check({f: getattr(record, f) for f in FIELDS} | fields, today or timezone.localdate())
    claim_version(Disagreement, record, version)
    _apply(record, fields)
    record.full_clean()
    record.save()
    return record
