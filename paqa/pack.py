"""The PAQA meeting pack: every section gathered from the strands' summary modules, then
rendered once as HTML (the web page) and once through WeasyPrint (the PDF). The web page,
the Celery task and `manage.py paqa_pack` all call `build` / `render_pdf` here."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actions import summary as actions_summary
from audits import summary as audits_summary
from bscp_portal.lib import periods
from cdop import summary as cdop_summary
from conferences import summary as conferences_summary
from governance import summary as governance_summary
from paqa import selectors
from partnership.access import PAQA
from partnership.models import User
from reviews import summary as reviews_summary
from scorecard import summary as scorecard_summary
from section11 import summary as section11_summary


def pack_reader() -> User:
    """The reader the pack is built for: PAQA (every agency, CDOP figures suppressed)."""
    reader = User(username="paqa-pack", is_active=True)
    reader._portal_roles = frozenset({PAQA})
    return reader


def _iso(value):
    """JSON-safe copies of dates (the sections are stored as built)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_iso(v) for v in value]
    if hasattr(value, "is_finite"):  # Decimal
        return float(value)
    return value


def build(*, meeting_date: dt.date) -> dict:
    """Every section of the pack for a meeting, as plain data (labels, figures, links)."""
    reader = pack_reader()
    previous = governance_summary.previous_meeting(body_code="paqa", before=meeting_date)
    fy_start = periods.FinancialYear.of(meeting_date).start
    exceptions = scorecard_summary.paqa_exceptions(
        user=reader, as_of=meeting_date, since=previous["date"] if previous else None
    )
    questions = selectors.open_questions(user=reader, today=meeting_date)
    s11 = section11_summary.annual_summary(start=meeting_date - dt.timedelta(days=730), end=meeting_date, user=reader)
    actions = actions_summary.annual_summary(start=fy_start, end=meeting_date, user=reader)
    conferences = conferences_summary.annual_summary(start=fy_start, end=meeting_date, user=reader)
    cdop = cdop_summary.annual_summary(start=fy_start, end=meeting_date, user=AnonymousUser())
    return _iso(
        {
            "meeting_date": meeting_date,
            "previous_meeting": previous["date"] if previous else None,
            "financial_year_from": fy_start,
            "exceptions": exceptions,
            "returns": scorecard_summary.returns_exceptions(user=reader, today=meeting_date),
            "questions": [
                {
                    "figure": q.figure_label,
                    "url": q.get_absolute_url(),
                    "agency": str(q.agency),
                    "status": q.get_status_display(),
                    "due_on": q.due_on,
                    "overdue": q.is_overdue(meeting_date),
                    "text": q.text,
                }
                for q in questions
            ],
            "questions_by_agency": selectors.open_by_agency(user=reader, today=meeting_date),
            "section11": {k: s11.get(k) for k in ("round", "period", "deadline", "agencies_required", "submitted",
                                                   "accepted", "not_submitted", "overall_compliance")},
            "audits_due": audits_summary.due_or_overdue(user=reader, today=meeting_date),
            "reviews_under_way": reviews_summary.under_way(user=reader),
            "actions_by_agency": [a for a in actions["by_agency"] if a["overdue_at_end"]],
            "actions_overdue": actions["overdue_at_end"],
            "reports": governance_summary.reports_awaiting_paqa(user=reader),
            "conferences": {k: v for k, v in conferences.items() if k != "agencies"},
            "cdop": {k: cdop.get(k) for k in ("deaths_notified", "reviews_completed", "waiting_at_end", "by_category")},
        }
    )  # fmt: skip


SECTION_TITLES = [
    ("exceptions", "Scorecard exceptions"),
    ("returns", "Missing and late data"),
    ("questions", "Open questions"),
    ("section11", "Section 11 round progress"),
    ("audits", "Audits and reviews due or overdue"),
    ("actions", "Actions overdue by agency"),
    ("reports", "Reports awaiting PAQA's decision"),
    ("conferences", "Child protection conference standards"),
    ("cdop", "Child Death Overview Panel (small numbers suppressed)"),
]


def render_html(*, sections: dict, base_url: str = "", pdf: bool = False, title: str = "") -> str:
    return render_to_string(
        "paqa/pack_pdf.html" if pdf else "paqa/pack_body.html",
        {"s": sections, "titles": SECTION_TITLES, "base": base_url, "pdf": pdf, "title": title},
    )


def render_pdf(*, sections: dict, base_url: str, title: str) -> bytes:
    from weasyprint import HTML

    html = render_html(sections=sections, base_url=base_url, pdf=True, title=title)
    return HTML(string=html, base_url=base_url or None).write_pdf()


def pack_url(pk: int) -> str:
    return reverse("paqa:pack_detail", args=[pk])


def pack_build(*, pack_id: int):
    """Gather the sections and lay out the PDF for one pack version (the task and the command)."""
    from django.conf import settings
    from django.core.files.base import ContentFile

    from paqa.models import MeetingPack

    pack = MeetingPack.objects.get(pk=pack_id)
    try:
        sections = build(meeting_date=pack.meeting_date)
        pdf = render_pdf(
            sections=sections, base_url=getattr(settings, "PORTAL_BASE_URL", "").rstrip("/"), title=str(pack)
        )
    except Exception as exc:
        MeetingPack.objects.filter(pk=pack_id).update(status=MeetingPack.Status.FAILED, error=str(exc)[:2000])
        raise
    pack.sections = sections
    pack.pdf.save(f"paqa-pack-{pack.meeting_date:%Y-%m-%d}-v{pack.version}.pdf", ContentFile(pdf), save=False)
    pack.status = MeetingPack.Status.READY
    pack.built_at = timezone.now()
    pack.error = ""
    pack.save()
    return pack
