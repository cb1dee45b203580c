"""Assemble the annual report from every strand's public summary and render it with WeasyPrint.

The Celery task and `manage.py annual_report` both call `render_pdf`: one code path.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown
import nh3
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from annual_report import content
from annual_report.models import Narrative
from annual_report.periods import parse_period
from annual_report.sections import SECTIONS, Section

logger = logging.getLogger(__name__)

ALLOWED_TAGS = {
    "p",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "blockquote",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
}


def render_markdown(text: str) -> str:
    """Markdown to HTML, sanitised: no scripts, styles or event handlers survive."""
    html = markdown.markdown(text or "", extensions=["tables"])
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"})


@dataclass
class BuiltSection:
    section: Section
    data: dict = field(default_factory=dict)
    narrative_html: str = ""
    narrative_status: str = ""
    empty_message: str = ""


def build_content(period: str, *, user, progress: Callable[[str], None] | None = None):
    """Every section's narrative and figures, the headline figures and the appendix tables."""
    start, end = parse_period(period)
    narratives = {n.section: n for n in Narrative.objects.filter(period=period)}
    appendix = content.Appendix()
    built, ctx = [], {}
    for section in SECTIONS:
        if progress:
            progress(section.title)
        builder = content.SECTION_BUILDERS.get(section.key)
        if section.key == "outcomes":
            data = content.outcomes(start, end, user, appendix, performance_ctx=ctx.get("performance"))
        elif section.key in ("early-help", "workforce"):
            data = content.CONTEXT_BUILDERS[section.key](start, end, user, appendix, ctx=ctx)
        else:
            data = builder(start, end, user, appendix) if builder else {}
        ctx[section.key] = data
        narrative = narratives.get(section.key)
        item = BuiltSection(section, data=data)
        if narrative and narrative.text.strip():
            item.narrative_html = render_markdown(narrative.text)
            item.narrative_status = narrative.status
        if not data.get("has_data") and not item.narrative_html:
            item.empty_message = section.empty
        built.append(item)
    headlines = content.headlines(start, end, user, ctx)
    return built, headlines, appendix


def build_sections(period: str, *, user, progress=None) -> list[BuiltSection]:
    return build_content(period, user=user, progress=progress)[0]


GLOSSARY = [
    ("c", "A figure hidden to protect individuals: a count of 1 to 5, or a figure from which one could be worked out."),
    (":", "Not available: the figure was not recorded or not published."),
    ("CDOP", "Child Death Overview Panel: reviews the death of every child who lived in the area."),
    ("Child protection conference", "A meeting of the family and professionals that decides whether a child needs a child protection plan."),
    ("Early help", "Support for children and families as soon as problems appear, before they grow."),
    ("ICB", "Integrated Care Board: the NHS body that plans and buys health services for the area."),
    ("LADO", "Local Authority Designated Officer: handles concerns about adults who work with children."),
    ("PAQA", "The Performance, Audit and Quality Assurance sub-committee of the partnership."),
    ("RAG rating", "Red, amber or green against a target: green at 95% of the target or better, amber at 90%, red below."),
    ("Relevant agencies", "Organisations the safeguarding partners name to work with them (schools, health trusts, probation, the voluntary sector and others)."),
    ("Safeguarding partners", "The local authority, the chief officer of police and the integrated care board, jointly responsible for the arrangements."),
    ("Section 11", "The duty in the Children Act 2004 on agencies to safeguard and promote the welfare of children; agencies audit themselves against it."),
    ("Section 47 enquiry", "An enquiry by children's social care when there is reasonable cause to suspect a child is suffering, or likely to suffer, significant harm."),
    ("Statistical neighbours", "Local authorities most like this one, which the Department for Education uses for comparison."),
]  # fmt: skip


def render_html(period: str, *, user, progress=None, snapshot_at=None, report=None, built=None) -> str:
    start, end = parse_period(period)
    sections, headlines, appendix = built or build_content(period, user=user, progress=progress)
    return render_to_string(
        "annual_report/pdf.html",
        {
            "period": period,
            "start": start,
            "end": end,
            "partnership": settings.PARTNERSHIP_NAME,
            "sections": [s for s in sections if s.section.in_report],
            "by_key": {s.section.key: s for s in sections},
            "headlines": headlines,
            "appendix": appendix,
            "glossary": GLOSSARY,
            "snapshot_at": snapshot_at or timezone.now(),
            "report": report,
        },
    )


def render_pdf(period: str, *, user, progress=None, snapshot_at=None, report=None) -> tuple[bytes, int]:
    """The report as a tagged PDF (PDF/UA-1) and its page count."""
    pdf, pages, _ = render_report(period, user=user, progress=progress, snapshot_at=snapshot_at, report=report)
    return pdf, pages


def render_report(
    period: str, *, user, progress=None, snapshot_at=None, report=None, built=None
) -> tuple[bytes, int, list]:
    """The PDF, its page count and the appendix tables ([{title, columns, rows}]) read with it."""
    from weasyprint import HTML

    built = built or build_content(period, user=user, progress=progress)
    html = render_html(period, user=user, snapshot_at=snapshot_at, report=report, built=built)
    if progress:
        progress("Laying out the pages")
    document = HTML(string=html, base_url=".").render(pdf_variant="pdf/ua-1")
    tables = [{"title": t, "columns": c, "rows": r} for t, c, r in built[2].tables]
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages), tables


def render_children_html(period: str, *, user, snapshot_at=None, report=None, built=None) -> str:
    """The children's and young people's version: a few pages of short sentences, from the same
    figures and narratives as the full report."""
    sections, _, _ = built or build_content(period, user=user)
    by_key = {s.section.key: s for s in sections}
    numbers = []
    conf = by_key["conferences"].data
    if conf.get("has_data"):
        numbers.append(
            {"value": f"{conf['conferences']:,}", "text": "meetings were held to make plans to keep children safe."}
        )
        if conf.get("child_voice_pct") is not None:
            numbers.append(
                {"value": f"{conf['child_voice_pct']}%", "text": "of these meetings heard what the child had to say."}
            )
    training = by_key["training"].data
    if training.get("has_data") and training.get("places"):
        numbers.append(
            {
                "value": f"{training['places']:,}",
                "text": "times grown-ups who work with children went on training to learn how to keep them safe.",
            }
        )
    perf = by_key["performance"].data
    if perf.get("rows"):
        numbers.append(
            {
                "value": f"{perf['counts']['GREEN']} of {len(perf['rows'])}",
                "text": "of the things we measure against a goal reached the goal, or came close.",
            }
        )
    voice = []
    if conf.get("questionnaires"):
        voice.append(
            f"{conf['questionnaires']:,} children and parents filled in a form to tell us what they thought of their meeting."
        )
    plan = by_key["priorities"].data
    message = by_key["children"]
    return render_to_string(
        "annual_report/children.html",
        {
            "period": period,
            "partnership": settings.PARTNERSHIP_NAME,
            "relevant_count": by_key["arrangements"].data.get("relevant_count"),
            "message": message.narrative_html,
            "priorities": [p["title"] for p in plan.get("priorities", [])],
            "numbers": numbers,
            "voice": voice,
            "next": by_key["next-year"].data.get("priorities", []),
            "report": report,
            "snapshot_at": snapshot_at or timezone.now(),
        },
    )


def render_children_pdf(period: str, *, user, snapshot_at=None, report=None, built=None) -> tuple[bytes, int]:
    """The children's version as a tagged PDF and its page count (the web and the command share it)."""
    from weasyprint import HTML

    html = render_children_html(period, user=user, snapshot_at=snapshot_at, report=report, built=built)
    document = HTML(string=html, base_url=".").render(pdf_variant="pdf/ua-1")
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)
