"""The demo year's report read back from the PDF: what a reader must find, no codes, figures that
match their sources, and no table row split across pages."""

import io
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from annual_report import builder, content
from annual_report.models import Narrative
from annual_report.periods import parse_period, recent_periods
from annual_report.sections import SECTIONS
from annual_report.tests.pdf_rows import body_row_count, split_rows
from partnership.models import User

WORDS = {
    "foreword": "As independent scrutineer I have seen the partners hold each other to account.",
    "scrutiny": "The independent scrutineer observed six meetings and read twenty audits.",
}


def choice_codes() -> set[str]:
    """Every stored choice value that is not its label and reads as a code, not a word: with an
    underscore, hyphen, digit or capital ("NOT_RATED", "local_cspr", "RED", "rate_per_10000").
    A value that is one plain lower-case word ("open", "board") is an English word the report may
    use in a sentence, so it cannot be told from a leaked code by reading the text."""
    codes = set()
    for model in apps.get_models():
        for f in model._meta.get_fields():
            for value, label in getattr(f, "choices", None) or []:
                if isinstance(label, (list, tuple)) or not isinstance(value, str) or value == str(label):
                    continue
                if len(value) > 1 and not re.fullmatch(r"[a-z]+", value):
                    codes.add(value)
    return codes


@pytest.fixture
def demo_year(db):
    call_command("seed_demo", stdout=io.StringIO())
    period = recent_periods(timezone.localdate())[1]
    bu = User.objects.get(username="bu")
    for section in SECTIONS:
        Narrative.objects.update_or_create(
            period=period,
            section=section.key,
            defaults={"text": WORDS.get(section.key, f"Our words on {section.title.lower()}."), "status": "approved",
                      "updated_by": bu},
        )  # fmt: skip
    return period, bu


def test_the_demo_report_reads_as_a_publishable_report(demo_year):
    period, bu = demo_year
    html = builder.render_html(period, user=bu)
    from weasyprint import HTML

    document = HTML(string=html, base_url=".").render()
    pdf = document.write_pdf()
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    text = "\n".join(pages)
    flat = re.sub(r"\s+", " ", text)

    # What a reader must find.
    for needed in [
        "Contents", "Foreword", WORDS["foreword"], "Executive summary", "Headline figures for",
        "Where we made little or no progress, and why", "Independent scrutiny", WORDS["scrutiny"],
        "Contributions by partner", "Recommendations and where their actions stand", "Next year's priorities",
        "Glossary", f"Annual report {period}", f"Page 2 of {len(pages)}", "The three safeguarding partners",
        "Relevant agencies", "Training and its evaluation", "The voice of children and families",
    ]:  # fmt: skip
        assert needed in flat, needed
    assert re.search(r"£\d{1,3}(,\d{3})+", flat), "funding is in pounds"
    for section in SECTIONS:
        if section.in_report:
            assert section.title in flat, section.title

    # No field code or raw choice value anywhere.
    found = sorted(code for code in choice_codes() if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", flat))
    assert found == [], f"raw choice values in the report: {found}"


def test_no_table_row_is_split_across_pages(demo_year):
    from weasyprint import HTML

    period, bu = demo_year
    document = HTML(string=builder.render_html(period, user=bu), base_url=".").render()
    assert body_row_count(document) > 12, "the report has tables"
    assert split_rows(document) == [], "rows broken across a page"


def check_year_value_from_monthly_figures(demo_year):
    from scorecard.models import Indicator, Measurement

    period, bu = demo_year
    start, end = parse_period(period)
    indicator = Indicator.objects.get(code="CP_ICPC_15WD")
    months = [
        m
        for m in Measurement.objects.filter(
            indicator=indicator, series="local", period_start__gte=start, period_end__lte=end
        ).order_by("period_start")
        if (m.period_end - m.period_start).days < 40
    ]
    assert len(months) >= 3, "the demo holds monthly figures for the year"
    if all(m.numerator is not None and m.denominator for m in months):
        num = sum(m.numerator for m in months)
        den = sum(m.denominator for m in months)
        expected = (num / den * 100).quantize(Decimal("0.1"))
    else:
        expected = (sum(m.value for m in months) / len(months)).quantize(Decimal("0.1"))
    latest = months[-1].value
    row = next(r for r in content.performance(start, end, bu, content.Appendix())["rows"]
               if r["code"] == "CP_ICPC_15WD")  # fmt: skip
    assert row["raw_value"] == expected
    assert row["value"] == f"{expected}%"
    assert expected != latest.quantize(Decimal("0.1"))  # the year, not the last month


def check_cdop_matches_what_a_board_member_sees(demo_year):
    from cdop.summary import annual_summary

    period, bu = demo_year
    start, end = parse_period(period)
    board = User.objects.get(username="board")
    web = annual_summary(start=start, end=end, user=board)
    report = content.cdop(start, end, bu, content.Appendix())
    for key in ["deaths_notified", "reviews_completed", "jar_held", "waiting_at_end", "by_category", "modifiable"]:
        assert report[key] == web[key], key
    assert web["small_numbers_suppressed"]


def check_childrens_version_is_short_and_plain(demo_year, tmp_path):
    period, bu = demo_year
    out = tmp_path / "children.pdf"
    call_command("annual_report", "--period", period, "--children", "--output", str(out), stdout=io.StringIO())
    reader = PdfReader(str(out))
    assert 1 <= len(reader.pages) <= 4
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Keeping children safe" in text and "Childline" in text
    sentences = [s for s in re.split(r"[.!?]\s|\n", "\n".join(p.extract_text() for p in reader.pages)) if s.strip()]
    assert max(len(s.split()) for s in sentences) <= 30


def check_waiting_panel_names_what_is_missing(demo_year):
    from annual_report.services import waiting_for

    period, bu = demo_year
    Narrative.objects.filter(period=period, section="foreword").delete()
    items = waiting_for(period=period, user=bu)
    whats = [i["what"] for i in items]
    assert "“Foreword”: no narrative written yet." in whats
    assert "No version generated yet" in whats
    assert all(i["owner"] and i["url"] for i in items)


def test_figures_match_their_sources_and_the_childrens_version_is_plain(demo_year, tmp_path):
    """One demo seeding for four checks (seeding the demo is the slow part)."""
    check_year_value_from_monthly_figures(demo_year)
    check_cdop_matches_what_a_board_member_sees(demo_year)
    check_childrens_version_is_short_and_plain(demo_year, tmp_path)
    check_waiting_panel_names_what_is_missing(demo_year)
