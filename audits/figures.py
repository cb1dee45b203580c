"""Audit findings PAQA can ask about (partnership.registry), referenced as "finding-<pk>"."""

from audits.models import AgencyAudit, Finding
from partnership.registry import Figure


def resolve(ref: str, user) -> Figure | None:
    if not ref.startswith("finding-") or not ref.removeprefix("finding-").isdigit():
        return None
    finding = (
        Finding.objects.filter(pk=int(ref.removeprefix("finding-")), audit__in=AgencyAudit.objects.for_user(user))
        .select_related("audit__agency")
        .first()
    )
    if finding is None:
        return None
    return Figure(
        kind="audit_finding",
        ref=ref,
        label=f"{finding.audit.title}: {finding.get_grade_display().lower()}, {finding.text[:80]}",
        url=finding.audit.get_absolute_url(),
        agency_id=finding.audit.agency_id,
    )
