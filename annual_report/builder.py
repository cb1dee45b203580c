"""Assemble the annual report from every strand's public summary and render it with WeasyPrint.

The Celery task and `manage.py annual_report` both call `render_pdf`: one code path.
"""

import datetime as dt
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown
import nh3
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.utils import timezone

from annual_report.blocks import Block, has_data, to_blocks
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
    blocks: list[Block] = field(default_factory=list)
    narrative_html: str = ""
    narrative_status: str = ""
    empty_message: str = ""


def read_summary(app: str, *, start: dt.date, end: dt.date, user):
    """A strand's annual summary, or None when the strand has none yet."""
    try:
        module = importlib.import_module(f"{app}.summary")
    except ModuleNotFoundError as exc:
        if exc.name == f"{app}.summary":
            return None
        raise
    return module.annual_summary(start=start, end=end, user=user)


def build_sections(period: str, *, user, progress: Callable[[str], None] | None = None) -> list[BuiltSection]:
    start, end = parse_period(period)
    narratives = {n.section: n for n in Narrative.objects.filter(period=period)}
    built = []
    for section in SECTIONS:
        if progress:
            progress(section.title)
        # Published figures: the CDOP section is always read as a non-panel reader, so its small
        # numbers are suppressed in every version, whoever generates the report.
        reader = AnonymousUser() if section.key == "cdop" else user
        data = read_summary(section.app, start=start, end=end, user=reader) if section.app else None
        narrative = narratives.get(section.key)
        item = BuiltSection(section)
        if narrative and narrative.text.strip():
            item.narrative_html = render_markdown(narrative.text)
            item.narrative_status = narrative.status
        if has_data(data):
            item.blocks = to_blocks(data)
        elif not item.narrative_html:
            item.empty_message = section.empty
        else:
            item.empty_message = section.empty if section.app else ""
        built.append(item)
    return built


def render_html(period: str, *, user, progress=None, snapshot_at=None) -> str:
    start, end = parse_period(period)
    return render_to_string(
        "annual_report/pdf.html",
        {
            "period": period,
            "start": start,
            "end": end,
            "sections": build_sections(period, user=user, progress=progress),
            "snapshot_at": snapshot_at or timezone.now(),
        },
    )


def render_pdf(period: str, *, user, progress=None, snapshot_at=None) -> tuple[bytes, int]:
    """The report as a tagged PDF (PDF/UA-1) and its page count."""
    from weasyprint import HTML

    html = render_html(period, user=user, progress=progress, snapshot_at=snapshot_at)
    if progress:
        progress("Laying out the pages")
    document = HTML(string=html, base_url=".").render(pdf_variant="pdf/ua-1")
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)
