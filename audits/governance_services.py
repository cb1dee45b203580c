"""Writes for the governance steps of a multi-agency audit: each step dated, in order
(audits/governance_rules.py); keyword-only and atomic, history kept by simple-history."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audits import governance_rules as gr
from audits.models import AuditTeamMember, Dissemination, PracticeAudit
from bscp_portal.lib.records import required_text


def _locked(audit: PracticeAudit) -> PracticeAudit:
    return PracticeAudit.objects.select_for_update().get(pk=audit.pk)


def _check_order(audit: PracticeAudit, step: str, on: dt.date | None) -> None:
    problem = gr.order_problem(step, on, audit.step_dates(), timezone.localdate())
    if problem:
        raise ValidationError({"on": problem})


def _step_save(audit: PracticeAudit, step: str, on: dt.date | None, fields: dict) -> PracticeAudit:
    """Record a step dated `on` (refused when out of order with the steps before it)."""
    _check_order(audit, step, on)
    for name, value in fields.items():
        setattr(audit, name, value)
    audit.version += 1
    audit.save(update_fields=[*fields, "version"])
    return audit


@transaction.atomic
def methodology_agree(*, audit: PracticeAudit, by, agreed_by: str, on: dt.date | None) -> PracticeAudit:
    """Step 1: who agreed the methodology, and when. The methodology itself must be written."""
    audit = _locked(audit)
    agreed_by = required_text(agreed_by, "agreed_by", "Say who agreed the methodology (a meeting or a person).")
    if not audit.methodology.strip():
        raise ValidationError("Write the methodology on the audit first (Edit), then record its agreement.")
    return _step_save(audit, gr.METHODOLOGY, on, {"methodology_agreed_on": on, "methodology_agreed_by": agreed_by})


@transaction.atomic
def team_member_add(
    *, audit: PracticeAudit, by, name: str, expertise: str, agency=None, organisation: str = "", outside_paqa: bool
) -> AuditTeamMember:
    """A member of the audit team, with their agency (or organisation) and expertise."""
    name = required_text(name, "name", "Give the member's name.")
    expertise = required_text(expertise, "expertise", "Say what expertise the member brings.")
    organisation = (organisation or "").strip()
    if agency is None and not organisation:
        raise ValidationError({"organisation": "Choose the member's agency or name their organisation."})
    member = AuditTeamMember(
        audit=audit,
        name=name,
        agency=agency,
        organisation=organisation,
        expertise=expertise,
        outside_paqa=bool(outside_paqa),
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def team_confirm(*, audit: PracticeAudit, by, on: dt.date | None) -> PracticeAudit:
    """Step 2: the team is confirmed: members listed, at least one from outside PAQA."""
    audit = _locked(audit)
    problem = gr.team_problem(audit.team_members.values_list("outside_paqa", flat=True))
    if problem:
        raise ValidationError(problem)
    return _step_save(audit, gr.TEAM, on, {"team_confirmed_on": on})


@transaction.atomic
def findings_present(*, audit: PracticeAudit, by, meeting: str, on: dt.date | None) -> PracticeAudit:
    """Step 3: the findings presented to PAQA (the meeting, its date)."""
    audit = _locked(audit)
    meeting = required_text(meeting, "meeting", "Name the PAQA meeting the findings were presented to.")
    return _step_save(audit, gr.FINDINGS, on, {"findings_presented_on": on, "findings_presented_at": meeting})


@transaction.atomic
def recommendations_agree(*, audit: PracticeAudit, by, meeting: str, on: dt.date | None) -> PracticeAudit:
    """Step 4: the Partnership agrees the recommendations; the action plan may then start."""
    audit = _locked(audit)
    meeting = required_text(meeting, "meeting", "Name the Partnership meeting that agreed the recommendations.")
    if not audit.recommendations.exists():
        raise ValidationError("The audit has no recommendations yet: add them before recording their agreement.")
    return _step_save(
        audit, gr.RECOMMENDATIONS, on, {"recommendations_agreed_on": on, "recommendations_agreed_at": meeting}
    )


@transaction.atomic
def dissemination_record(
    *, audit: PracticeAudit, by, kind: str, what: str, audience: str, on: dt.date | None, method: str
) -> Dissemination:
    """Step 5: what was shared, to whom, when and how. Recorded once the recommendations are agreed,
    dated no earlier; the step is done when good practice, not only shortfalls, has been shared."""
    audit = _locked(audit)
    if kind not in Dissemination.Kind.values:
        raise ValidationError({"kind": "Choose good practice or learning from shortfalls."})
    what = required_text(what, "what", "Say what was shared.")
    audience = required_text(audience, "audience", "Say who it was shared with.")
    method = required_text(method, "method", "Say how it was shared.")
    dates = audit.step_dates()
    dates[gr.DISSEMINATION] = None  # a record may follow another; order is against the steps before
    problem = gr.order_problem(gr.DISSEMINATION, on, dates, timezone.localdate())
    if problem:
        raise ValidationError({"on": problem})
    record = Dissemination(
        audit=audit, kind=kind, what=what, audience=audience, disseminated_on=on, method=method, recorded_by=by
    )
    record.full_clean()
    record.save()
    return record
