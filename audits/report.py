"""The practice audit report as a PDF, rendered by WeasyPrint from an HTML template."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from audits import selectors


def report_context(*, audit, user) -> dict:
    """What the report shows: the audit, its analysis as the user may see it, recommendations, actions."""
    from actions.selectors import actions_for_source

    data = selectors.analysis(audit=audit, user=user)
    sample = getattr(audit, "sample", None)
    return {
        "audit": audit,
        "analysis": data,
        "sample": sample,
        "standards": audit.standards.prefetch_related("criteria").order_by("order"),
        "agencies": audit.agencies.order_by("name"),
        "team": audit.team.order_by("last_name"),
        "recommendations": audit.recommendations.select_related("agency"),
        "plan": actions_for_source(source=audit, user=user).select_related("agency", "owner"),
        "generated": timezone.now(),
    }


def render_pdf(*, audit, user, request=None) -> bytes:
    html = render_to_string("audits/report.html", report_context(audit=audit, user=user))
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf()
