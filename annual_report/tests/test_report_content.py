"""The demo year's report read back from the PDF: what a reader must find, no codes, figures that
match their sources, and no table row split across pages."""

import io
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
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


# The demo report is built once for this module (demo_report); xdist keeps the module in one process.
# Every test here is a database test, so pytest-django (which runs database tests first and the
# rest last) keeps the module's tests together and the report is built once, not once per part.
pytestmark = [pytest.mark.xdist_group("annual-report-demo"), pytest.mark.django_db]


@dataclass
class DemoReport:
    period: str
    bu: User
    document: object  # the WeasyPrint layout, for the row-split check
    pdf: bytes
    pages: list[str]  # each page's text
    flat: str  # all the text, whitespace collapsed


@pytest.fixture(scope="module")
def demo_report(demo_seeded, django_db_blocker):
    """The demo year's report, generated once for the module (seeding and layout are the slow
    part) over the module's demo (rolled back at its end), as the business unit generates it."""
    from weasyprint import HTML

    with django_db_blocker.unblock(), transaction.atomic():
        period = recent_periods(timezone.localdate())[1]
        bu = User.objects.get(username="bu")
        for section in SECTIONS:
            Narrative.objects.update_or_create(
                period=period,
                section=section.key,
                defaults={"text": WORDS.get(section.key, f"Our words on {section.title.lower()}."),
                          "status": "approved", "updated_by": bu},
            )  # fmt: skip
        built = builder.build_content(period, user=bu)
        html = builder.render_html(period, user=bu, built=built)
        document = HTML(string=html, base_url=".").render(pdf_variant="pdf/ua-1")
        pdf = document.write_pdf(pdf_variant="pdf/ua-1")
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
        yield DemoReport(period, bu, document, pdf, pages, re.sub(r"\s+", " ", "\n".join(pages)))
        transaction.set_rollback(True)


@pytest.fixture
def demo_year(demo_report, db):
    return demo_report.period, demo_report.bu


def test_the_demo_report_reads_as_a_publishable_report(demo_report):
    flat = demo_report.flat
    period = demo_report.period

    # What a reader must find.
    for needed in [
        "Contents", "Foreword", WORDS["foreword"], "Executive summary", "Headline figures for",
        "Where we made little or no progress, and why", "Independent scrutiny", WORDS["scrutiny"],
        "Contributions by partner", "Recommendations and where their actions stand", "Next year's priorities",
        "Glossary", f"Annual report {period}", f"Page 2 of {len(demo_report.pages)}", "The three safeguarding partners",
        "Relevant agencies", "Training and its evaluation", "The voice of children and families",
        "Early help", "The workforce", "Outcomes for children", "Reviews completed: time from the death to the review",
    ]:  # fmt: skip
        assert needed in flat, needed
    assert re.search(r"£\d{1,3}(,\d{3})+", flat), "funding is in pounds"
    for section in SECTIONS:
        if section.in_report:
            assert section.title in flat, section.title
    for word in ("None", "NOT_RATED", "---"):
        assert not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", flat), word

    # No field code or raw choice value anywhere.
    found = sorted(code for code in choice_codes() if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", flat))
    assert found == [], f"raw choice values in the report: {found}"


def test_the_choice_list_holds_the_codes_a_report_could_leak():
    codes = choice_codes()
    assert {"NOT_RATED", "rate_per_10000", "local_cspr"} <= codes
    assert "open" not in codes


def test_no_table_row_is_split_across_pages(demo_report):
    assert body_row_count(demo_report.document) > 12, "the report has tables"
    assert split_rows(demo_report.document) == [], "rows broken across a page"


def test_no_page_is_near_blank(demo_report):
    # The cover and the last page may be short; every other page carries a real amount of text.
    thin = [n + 1 for n, text in enumerate(demo_report.pages[1:-1], 1) if len(text.split()) < 40]
    assert thin == [], f"near-blank pages: {thin}"


def figure_alts(pdf: bytes) -> list[str]:
    """The alternative text of every figure in the PDF's structure tree."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    if hasattr(kid, "get_object"):
                        walk(kid)

    walk(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_performance_gives_rates_per_10000_and_the_key_indicators_run_charts(demo_report, db):
    from annual_report.demo import KEY_INDICATORS
    from scorecard.models import Indicator
    from scorecard.spc import FEW_POINTS_WARNING, Variation

    flat = demo_report.flat
    assert "Per 10,000 children" in flat and "Rates per 10,000 children divide a count by 51,049 children" in flat
    alts = figure_alts(demo_report.pdf)
    charts = [a for a in alts if a.startswith("Run chart of ")]
    names = list(Indicator.objects.filter(code__in=KEY_INDICATORS).values_list("name", flat=True))
    assert sorted(a.split(":")[0].removeprefix("Run chart of ") for a in charts) == sorted(names)
    verdicts = [v.label for v in Variation] + [FEW_POINTS_WARNING]
    assert all("process limits" in a and any(v in a for v in verdicts) for a in charts), charts
    assert any(a.startswith("Variation icon: ") for a in alts) and any(a.startswith("Assurance icon: ") for a in alts)
    assert all(alts), "every figure has alternative text"
    if "Green*" in flat:
        assert flat.count("the 95% rule") == 1, "the rule is explained once, in a footnote"


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
    row = next(r for r in content.performance(start, end, bu, content.Appendix())["rows"]
               if r["code"] == "CP_ICPC_15WD")  # fmt: skip
    assert row["raw_value"] == expected
    assert row["value"] == f"{expected}%"
    assert expected != months[-1].value.quantize(Decimal("0.1"))  # the year, not the last month


def check_cdop_matches_what_a_board_member_sees(demo_year):
    from cdop.summary import annual_summary

    period, bu = demo_year
    start, end = parse_period(period)
    board = User.objects.get(username="board")
    web = annual_summary(start=start, end=end, user=board)
    report = content.cdop(start, end, bu, content.Appendix())
    keys = ["deaths_notified", "reviews_completed", "jar_held", "waiting_at_end", "by_category", "modifiable",
            "timeliness", "pooled"]  # fmt: skip
    assert web["timeliness"] and web["pooled"], "the demo has reviews to time and three years to pool"
    for key in keys:
        assert report[key] == web[key], key
    assert web["small_numbers_suppressed"]


def test_the_command_builds_the_childrens_version_short_and_plain(demo_year, tmp_path):
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


def test_the_year_value_is_worked_out_from_the_monthly_figures(demo_year):
    check_year_value_from_monthly_figures(demo_year)


def test_cdop_figures_are_the_ones_a_board_member_sees(demo_year):
    check_cdop_matches_what_a_board_member_sees(demo_year)


def test_the_waiting_panel_names_what_is_missing(demo_year):
    check_waiting_panel_names_what_is_missing(demo_year)


def test_a_long_performance_table_shows_the_worst_first_and_sends_the_rest_to_the_appendix(
    demo_report, db, monkeypatch
):
    from django.template.loader import render_to_string

    start, end = parse_period(demo_report.period)
    full = content.performance(start, end, demo_report.bu, content.Appendix())
    assert len(full["rows"]) > 3 and full["rows_more"] == 0  # the demo's table fits whole
    monkeypatch.setattr(content, "PERFORMANCE_ROWS", 3)
    cut = content.performance(start, end, demo_report.bu, content.Appendix())
    order = {"RED": 0, "AMBER": 1, "GREEN": 2, "NOT_RATED": 3}
    assert cut["rows_shown"] == cut["rows"][:3] and cut["rows_more"] == len(cut["rows"]) - 3
    assert max(order[r["rag"]] for r in cut["rows_shown"]) <= min(order[r["rag"]] for r in cut["rows"][3:])
    html = render_to_string("annual_report/pdf/_performance.html", {"d": cut, "period": demo_report.period})
    assert html.count('<td class="rag rag-') == 3
    assert f"And {len(cut['rows']) - 3} more indicators with a target" in html
    assert f"Of {len(cut['rows'])} indicators with a target" in html
