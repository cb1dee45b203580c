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


#: How many items of each list the pack's body shows: the meeting reads the exceptions at the top
#: of each list; every item is in the spreadsheet appendix.
TOP = 20


def render_html(*, sections: dict, base_url: str = "", pdf: bool = False, title: str = "", appendix: str = "") -> str:
    return render_to_string(
        "paqa/pack_pdf.html" if pdf else "paqa/pack_body.html",
        {
            "s": sections,
            "titles": SECTION_TITLES,
            "base": base_url,
            "pdf": pdf,
            "title": title,
            "appendix": appendix,
            "top": TOP,
            "cut": f":{TOP}",
            "minus_top": -TOP,
        },
    )


def appendix_sheets(sections: dict) -> list:
    """The pack's lists in full, one sheet each, for the spreadsheet appendix."""
    from bscp_portal.lib.exports import positional

    def sheet(name, titles, rows):
        return (name, positional(titles), [list(r) for r in rows])

    exceptions = sections.get("exceptions", {})
    returns = sections.get("returns", {})
    return [
        sheet("Rated red", ["Indicator", "Latest", "Period", "Owner"],
              ((i["name"], i["value"], i["period"], i["owner"] or "Partnership") for i in exceptions.get("red", []))),
        sheet("Rating changed", ["Indicator", "From", "To", "Latest", "Period"],
              ((i["name"], i["from"], i["to"], i["value"], i["period"]) for i in exceptions.get("changed", []))),
        sheet("Special-cause variation", ["Indicator", "Variation"],
              ((i["name"], i["variation"]) for i in exceptions.get("special", []))),
        sheet("Missing figures", ["Indicator", "Agency", "Period", "Was due", "Responsible"],
              ((r["indicator"], r["agency"], r["period"], _date(r["due_on"]), r["responsible"])
               for r in returns.get("missing", []))),
        sheet("Received late", ["Indicator", "Agency", "Period", "Received", "Days late"],
              ((r["indicator"], r["agency"], r["period"], _date(r["submitted_on"]), r["days_late"])
               for r in returns.get("late", []))),
        sheet("Open questions by agency", ["Agency", "Open", "Overdue"],
              ((a["agency"], a["open"], a["overdue"]) for a in sections.get("questions_by_agency", []))),
        sheet("Open questions", ["Figure", "Agency", "Question", "Status", "Due", "Overdue"],
              ((q["figure"], q["agency"], q["text"], q["status"], _date(q["due_on"]), q["overdue"])
               for q in sections.get("questions", []))),
        sheet("Audits due or overdue", ["Audit", "Agency", "Report due", "Overdue"],
              ((a["title"], a["agency"], _date(a["due_date"]), a["overdue"]) for a in sections.get("audits_due", []))),
        sheet("Case reviews under way", ["Reference", "Title", "Kind", "Status"],
              ((r["reference"], r["title"], r["kind"], r["status"]) for r in sections.get("reviews_under_way", []))),
        sheet("Actions overdue by agency", ["Agency", "Overdue actions"],
              ((a["agency"], a["overdue_at_end"]) for a in sections.get("actions_by_agency", []))),
        sheet("Reports awaiting decision", ["Report", "From", "Author", "Received"],
              ((r["title"], r["source"], r["author"], _date(r["received_on"])) for r in sections.get("reports", []))),
        sheet("Section 11 not submitted", ["Agency"],
              ((a,) for a in (sections.get("section11") or {}).get("not_submitted") or [])),
    ]  # fmt: skip


def _date(value):
    """Dates are stored as ISO text in the sections; the spreadsheet gets date cells."""
    return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else value


def appendix_url(pk: int) -> str:
    return reverse("paqa:pack_appendix", args=[pk])


def render_pdf(*, sections: dict, base_url: str, title: str, appendix: str = "") -> bytes:
    from weasyprint import HTML

    html = render_html(sections=sections, base_url=base_url, pdf=True, title=title, appendix=appendix)
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
            sections=sections,
            base_url=getattr(settings, "PORTAL_BASE_URL", "").rstrip("/"),
            title=str(pack),
            appendix=appendix_url(pack.pk),
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
