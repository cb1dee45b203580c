"""Writes for process audits: planned with scope and method, findings, recommendations agreed;
keyword-only and atomic, history kept by simple-history in the same transaction. The actions are
SMART actions (actions.services) with the audit as their source."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audits import rules
from audits.models import ProcessAudit
from bscp_portal.lib.concurrency import claim_version

REQUIRED = {
    "title": "Give the audit a title.",
    "process": "Name the process audited.",
    "standard": "Say which standard the process is judged against.",
    "scope": "Set out the scope: what the audit will and will not look at.",
    "method": "Say how the process will be looked at.",
}


@transaction.atomic
def process_audit_create(
    *, by, title: str, process: str, standard: str, scope: str, method: str, lead=None
) -> ProcessAudit:
    values = {"title": title, "process": process, "standard": standard, "scope": scope, "method": method}
    errors = {k: REQUIRED[k] for k, v in values.items() if not (v or "").strip()}
    if errors:
        raise ValidationError(errors)
    return ProcessAudit.objects.create(**{k: v.strip() for k, v in values.items()}, lead=lead, created_by=by)


def _step(audit: ProcessAudit, step: str) -> None:
    problem = rules.process_step_problem(audit.status, step)
    if problem:
        raise ValidationError(problem)


def _text_step(audit: ProcessAudit, step: str, text: str, missing: str, *, version: int, today) -> ProcessAudit:
    """A step that records a text (the field named as the step), dated (`<step>_on`) and moving the
    audit to the step's status; refused out of order, empty, or on a stale version."""
    _step(audit, step)
    if not (text or "").strip():
        raise ValidationError({step: missing})
    claim_version(ProcessAudit, audit, version)
    audit.refresh_from_db()
    _step(audit, step)
    setattr(audit, step, text.strip())
    setattr(audit, f"{step}_on", today or timezone.localdate())
    audit.status = ProcessAudit.Status(step)
    audit.save()
    return audit


@transaction.atomic
def process_audit_findings(
    *, audit: ProcessAudit, findings: str, version: int, today: dt.date | None = None
) -> ProcessAudit:
    """Record (or correct, until recommendations are agreed) what the audit found against the standard."""
    return _text_step(
        audit, "findings", findings, "Say what the audit found, against the standard.", version=version, today=today
    )


@transaction.atomic
def process_audit_recommendations(
    *, audit: ProcessAudit, recommendations: str, version: int, today: dt.date | None = None
) -> ProcessAudit:
    """Record the recommendations as agreed; the action plan follows."""
    return _text_step(
        audit, "recommendations", recommendations, "Set out the recommendations agreed.", version=version, today=today
    )
