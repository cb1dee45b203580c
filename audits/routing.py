"""Audit reports sent to PAQA from the audit's page (partnership.registry): a single-agency
audit by its agency or a quality lead once reported; a multi-agency audit by its lead or a
quality lead once reported."""

from django.db.models import Q

from audits.access import is_quality_lead
from audits.models import AgencyAudit, PracticeAudit
from partnership.access import AGENCY_LEAD, has_role
from partnership.registry import ReportCandidate

AGENCY_DONE = (
    AgencyAudit.Status.REPORTED,
    AgencyAudit.Status.ACTION_PLAN_AGREED,
    AgencyAudit.Status.FOLLOW_UP_DUE,
    AgencyAudit.Status.CLOSED,
)
PRACTICE_DONE = (PracticeAudit.Status.REPORTED, PracticeAudit.Status.CLOSED)


def candidates(user) -> list[ReportCandidate]:
    quality = is_quality_lead(user)
    agency_audits = AgencyAudit.objects.for_user(user).filter(status__in=AGENCY_DONE).select_related("agency")
    if not quality:
        if not (has_role(user, AGENCY_LEAD) and user.agency_id):
            agency_audits = agency_audits.none()
        else:
            agency_audits = agency_audits.filter(Q(agency_id=user.agency_id) | Q(auditing_agency_id=user.agency_id))
    practice = PracticeAudit.objects.for_user(user).filter(status__in=PRACTICE_DONE)
    if not quality:
        practice = practice.filter(lead=user)
    agency_reports = [
        _candidate(a, f"agency-{a.pk}", f"Audit report: {a.title}", f"Single-agency audit, {a.agency}")
        for a in agency_audits.order_by("-reported_on", "-pk")[:20]
    ]
    return agency_reports + [
        _candidate(
            p, f"practice-{p.pk}", f"Multi-agency audit report: {p.title}", f"Multi-agency practice audit: {p.theme}"
        )
        for p in practice.order_by("-end_date", "-pk")[:20]
    ]


def _candidate(audit, ref: str, title: str, source_label: str) -> ReportCandidate:
    """An audit's report, its summary as the headline."""
    return ReportCandidate(
        kind="audits",
        ref=ref,
        title=title,
        source_label=source_label,
        url=audit.get_absolute_url(),
        summary=(audit.summary or "")[:1000],
    )
