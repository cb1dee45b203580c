"""Sub-committee activity reports, sent to PAQA by the chair who wrote them (the report
sources of the other strands live in each strand's `routing.py`)."""

from governance import access
from governance.models import ChairReport
from partnership.access import BUSINESS_UNIT, has_role
from partnership.registry import ReportCandidate


def candidates(user) -> list[ReportCandidate]:
    reports = ChairReport.objects.select_related("subcommittee", "meeting", "plan").order_by("-meeting__held_on", "-pk")
    if not has_role(user, BUSINESS_UNIT):
        if not has_role(user, access.CHAIR):
            return []
        reports = reports.filter(subcommittee__memberships__user=user, subcommittee__memberships__is_chair=True)
    return [
        ReportCandidate(
            kind="subcommittee",
            ref=f"chair-report-{r.pk}",
            title=f"{r.subcommittee} activity report, {r.meeting.held_on:%B %Y}",
            source_label=f"{r.subcommittee}: activity and outcomes",
            url=r.plan.get_absolute_url(),
            summary=f"Activity: {r.activity[:500]}\nOutcomes: {r.outcomes[:500]}",
        )
        for r in reports[:10]
    ]
