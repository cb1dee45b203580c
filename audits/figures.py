"""Audit findings PAQA can ask about (partnership.registry), referenced as "finding-<pk>"."""

from audits.models import AgencyAudit, Finding
from partnership.record_figures import figure_on, record_named
from partnership.registry import Figure


def resolve(ref: str, user) -> Figure | None:
    visible = Finding.objects.filter(audit__in=AgencyAudit.objects.for_user(user)).select_related("audit__agency")
    finding = record_named(ref, "finding", visible)
    if finding is None:
        return None
    label = f"{finding.audit.title}: {finding.get_grade_display().lower()}, {finding.text[:80]}"
    return figure_on(finding.audit, kind="audit_finding", ref=ref, label=label)
