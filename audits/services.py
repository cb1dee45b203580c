"""Writes for single-agency audits: keyword-only, atomic; history is recorded by simple-history in the
same transaction. Multi-agency practice audits are written by `practice_services`."""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audits import rules
from audits.models import (
    AgencyAudit,
    Escalation,
    Finding,
    FollowUp,
    PracticeAudit,
    Recommendation,
)
from bscp_portal.lib import uploads
from bscp_portal.lib.concurrency import claim_version
from bscp_portal.lib.records import required_text
from partnership.models import Agency


def _check_independence(independent: bool, auditing_agency, auditor_name: str, agency) -> None:
    if independent and auditing_agency is None and not (auditor_name or "").strip():
        raise ValidationError({"auditing_agency": "An independent audit needs a nominated agency or person."})
    if auditing_agency is not None and auditing_agency.pk == agency.pk:
        raise ValidationError({"auditing_agency": "An independent audit is carried out by another agency."})


@transaction.atomic
def agency_audit_create(
    *,
    by,
    agency: Agency,
    title: str,
    theme: str,
    scope: str = "",
    due_date: dt.date | None = None,
    start_date: dt.date | None = None,
    independent: bool = False,
    auditing_agency: Agency | None = None,
    auditor_name: str = "",
    origin: str = AgencyAudit.Origin.OWN,
    kind: str = AgencyAudit.Kind.AUDIT,
) -> AgencyAudit:
    """Add an audit or a management review to an agency's programme (its own, or one requested of it)."""
    _check_independence(independent, auditing_agency, auditor_name, agency)
    if origin not in AgencyAudit.Origin.values:
        raise ValidationError({"origin": "Choose why the audit is being done."})
    if kind not in AgencyAudit.Kind.values:
        raise ValidationError({"kind": "Choose a single-agency audit or a management review."})
    audit = AgencyAudit(
        agency=agency,
        title=title.strip(),
        theme=theme.strip(),
        scope=scope.strip(),
        due_date=due_date,
        start_date=start_date,
        independent=independent,
        auditing_agency=auditing_agency if independent else None,
        auditor_name=auditor_name.strip() if independent else "",
        origin=origin,
        kind=kind,
        created_by=by,
    )
    if origin != AgencyAudit.Origin.OWN:
        audit.requested_by = by
        audit.requested_on = timezone.localdate()
    audit.full_clean()
    audit.save()
    return audit


@transaction.atomic
def agency_audit_request(
    *, by, scope: str, due_date: dt.date, origin: str = AgencyAudit.Origin.PAQA, **audit
) -> AgencyAudit:
    """PAQA (or the Partnership) asks an agency to audit an area by a date; the agency is told by e-mail.
    `audit`: the rest of what `agency_audit_create` takes (agency, title, theme, independence)."""
    if origin == AgencyAudit.Origin.OWN:
        raise ValidationError({"origin": "A request comes from the PAQA chair or the Partnership."})
    scope = required_text(scope, "scope", "Say what the audit must look at.")
    if due_date is None:
        raise ValidationError({"due_date": "Set the date the audit report is due."})
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": "The report cannot be due in the past."})
    audit = agency_audit_create(by=by, scope=scope, due_date=due_date, origin=origin, **audit)
    from audits.tasks import notify_audit_requested

    transaction.on_commit(lambda: notify_audit_requested.delay(audit.pk))
    return audit


@transaction.atomic
def agency_audit_update(*, audit: AgencyAudit, by, version: int, **fields) -> AgencyAudit:
    """Change an audit's plan (title, theme, scope, dates, independence); refuses a stale version."""
    allowed = {
        "title",
        "kind",
        "theme",
        "scope",
        "due_date",
        "start_date",
        "independent",
        "auditing_agency",
        "auditor_name",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    _check_independence(
        fields.get("independent", audit.independent),
        fields.get("auditing_agency", audit.auditing_agency),
        fields.get("auditor_name", audit.auditor_name),
        audit.agency,
    )
    claim_version(AgencyAudit, audit, version)
    for name, value in fields.items():
        setattr(audit, name, value.strip() if isinstance(value, str) else value)
    if not audit.independent:
        audit.auditing_agency, audit.auditor_name = None, ""
    audit.full_clean()
    audit.save()
    return audit


@transaction.atomic
def agency_audit_start(*, audit: AgencyAudit, by) -> AgencyAudit:
    """Planned to in progress."""
    return _move(audit, rules_status="in_progress", extra={"start_date": audit.start_date or timezone.localdate()})


def _move(audit: AgencyAudit, *, rules_status: str, extra: dict | None = None) -> AgencyAudit:
    if not rules.can_move(audit.status, rules_status):
        raise ValidationError(
            f"An audit that is {audit.get_status_display().lower()} cannot move to "
            f"{AgencyAudit.Status(rules_status).label.lower()}."
        )
    audit.status = rules_status
    for k, v in (extra or {}).items():
        setattr(audit, k, v)
    audit.version += 1
    audit.save()
    return audit


def _check_report_file(upload) -> tuple[str, str]:
    accepted = uploads.check_upload(upload, "document", field="report")
    return accepted.extension, accepted.mime


@transaction.atomic
def outcome_submit(*, audit: AgencyAudit, by, summary: str, report=None) -> AgencyAudit:
    """The agency reports: outcome summary, optional report file; needs at least one graded finding."""
    summary = required_text(summary, "summary", "Write a summary of the outcome.")
    if audit.status == AgencyAudit.Status.PLANNED:
        audit.status = AgencyAudit.Status.IN_PROGRESS
    if not rules.can_move(audit.status, AgencyAudit.Status.REPORTED):
        raise ValidationError("This audit has already been reported.")
    if not audit.findings.exists():
        raise ValidationError("Add at least one graded finding before submitting the outcome.")
    if report is not None:
        ext, mime = _check_report_file(report)
        audit.report_file.save(f"{uuid.uuid4().hex}.{ext}", report, save=False)
        audit.report_name = (report.name or f"report.{ext}")[:255]
        audit.report_type = mime
    audit.summary = summary
    return _move(audit, rules_status=AgencyAudit.Status.REPORTED, extra={"reported_on": timezone.localdate()})


@transaction.atomic
def finding_add(*, audit: AgencyAudit, by, grade: str, text: str) -> Finding:
    """A finding graded good practice, area for improvement or shortfall/concern."""
    if grade not in rules.FINDING_GRADES:
        raise ValidationError({"grade": "Choose good practice, area for improvement or shortfall/concern."})
    text = required_text(text, "text", "Write the finding.")
    if audit.status == AgencyAudit.Status.CLOSED:
        raise ValidationError("This audit is closed.")
    return Finding.objects.create(audit=audit, grade=grade, text=text)


@transaction.atomic
def recommendation_add(
    *,
    by,
    text: str,
    agency_audit: AgencyAudit | None = None,
    practice_audit: PracticeAudit | None = None,
    agency: Agency | None = None,
) -> Recommendation:
    text = required_text(text, "text", "Write the recommendation.")
    if agency_audit is not None:
        agency = agency_audit.agency
    rec = Recommendation(agency_audit=agency_audit, practice_audit=practice_audit, agency=agency, text=text)
    rec.full_clean()
    rec.save()
    return rec


@transaction.atomic
def recommendation_implemented(*, recommendation: Recommendation, by, on: dt.date | None = None) -> Recommendation:
    if recommendation.implemented_on is not None:
        raise ValidationError("This recommendation is already marked implemented.")
    recommendation.implemented_on = on or timezone.localdate()
    recommendation.save()
    return recommendation


@transaction.atomic
def audit_consider(
    *, audit: AgencyAudit, by, consideration: str, agree_plan: bool = True, follow_up_due: dt.date | None = None
) -> AgencyAudit:
    """PAQA records its consideration of a reported audit, agrees the action plan and may set a follow-up date."""
    consideration = required_text(consideration, "consideration", "Record what PAQA made of the audit.")
    if audit.status not in (AgencyAudit.Status.REPORTED, AgencyAudit.Status.ACTION_PLAN_AGREED):
        raise ValidationError("PAQA considers an audit once its outcome has been reported.")
    if follow_up_due is not None and follow_up_due <= timezone.localdate():
        raise ValidationError({"follow_up_due": "A follow-up report is due after today."})
    audit.paqa_consideration = consideration
    audit.considered_on = timezone.localdate()
    if agree_plan and audit.status == AgencyAudit.Status.REPORTED:
        audit.status = AgencyAudit.Status.ACTION_PLAN_AGREED
    audit.version += 1
    audit.save()
    if follow_up_due is not None:
        follow_up_request(audit=audit, by=by, due_date=follow_up_due)
    return audit


@transaction.atomic
def follow_up_request(*, audit: AgencyAudit, by, due_date: dt.date) -> FollowUp:
    """PAQA asks for a follow-up report evidencing improvement by a date."""
    if audit.status not in (AgencyAudit.Status.ACTION_PLAN_AGREED, AgencyAudit.Status.FOLLOW_UP_DUE):
        raise ValidationError("A follow-up report is requested once the action plan is agreed.")
    follow_up = FollowUp.objects.create(audit=audit, due_date=due_date, requested_by=by)
    if audit.status != AgencyAudit.Status.FOLLOW_UP_DUE:
        _move(audit, rules_status=AgencyAudit.Status.FOLLOW_UP_DUE)
    return follow_up


def _done_once(record, by, step: str, already: str, **text):
    """Record a step that is taken once (a follow-up submitted, an escalation resolved): its text,
    `<step>_on` today and `<step>_by` who; refused with `already` when it was taken before."""
    if getattr(record, f"{step}_on") is not None:
        raise ValidationError(already)
    for name, value in text.items():
        setattr(record, name, value)
    setattr(record, f"{step}_on", timezone.localdate())
    setattr(record, f"{step}_by", by)
    record.save()
    return record


@transaction.atomic
def follow_up_submit(*, follow_up: FollowUp, by, evidence: str) -> FollowUp:
    evidence = required_text(evidence, "evidence", "Describe the evidence of improvement.")
    return _done_once(
        follow_up, by, "submitted", "This follow-up report has already been submitted.", evidence=evidence
    )


@transaction.atomic
def escalation_create(*, audit: AgencyAudit, by, reason: str, finding: Finding | None = None) -> Escalation:
    """PAQA escalates a concern to the Partnership; it stays on the Partnership's dashboard until resolved."""
    reason = required_text(reason, "reason", "Say why the concern goes to the Partnership.")
    if finding is not None and finding.audit_id != audit.pk:
        raise ValidationError({"finding": "That finding belongs to another audit."})
    return Escalation.objects.create(audit=audit, finding=finding, reason=reason, escalated_by=by)


@transaction.atomic
def escalation_resolve(*, escalation: Escalation, by, resolution: str) -> Escalation:
    resolution = required_text(resolution, "resolution", "Record how the Partnership resolved the concern.")
    return _done_once(escalation, by, "resolved", "This escalation is already resolved.", resolution=resolution)


@transaction.atomic
def agency_audit_close(*, audit: AgencyAudit, by) -> AgencyAudit:
    """Close an audit; refused while its action plan has open actions (they are listed) or a follow-up is awaited."""
    from actions.models import Action

    open_actions = list(Action.objects.for_source(audit).open().order_by("due_date", "pk"))
    if open_actions:
        listed = "; ".join(f"“{a.description[:60]}” (due {a.due_date:%d %b %Y})" for a in open_actions)
        raise ValidationError(f"This audit cannot be closed while {len(open_actions)} action(s) are open: {listed}.")
    if audit.follow_ups.filter(submitted_on__isnull=True).exists():
        raise ValidationError("This audit cannot be closed while a follow-up report is awaited.")
    return _move(audit, rules_status=AgencyAudit.Status.CLOSED, extra={"closed_on": timezone.localdate()})
