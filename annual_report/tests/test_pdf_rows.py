"""The report's CSS keeps each table row whole on one page, whatever the row lengths and wherever
the table starts, and the check that says so does find a row that really breaks."""

import datetime as dt
import random
import re
from pathlib import Path

from django.template.loader import render_to_string
from weasyprint import HTML

from annual_report.tests.pdf_rows import body_row_count, split_rows

TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "annual_report" / "pdf.html"
WORDS = (
    "the partnership should make sure that every agency reviews how children are heard and recorded in "
    "assessments including multi-agency safeguarding hub referrals strategy discussions and child protection "
    "conferences so that practitioners understand cumulative harm neglect and exploitation"
).split()


def report_css() -> str:
    css = re.search(r"<style>(.*?)</style>", TEMPLATE.read_text(), re.S).group(1)
    return re.sub(r"\{\{.*?\}\}", "Partnership", css)


def page(body: str) -> str:
    return f'<!doctype html><html lang="en-GB"><head><style>{report_css()}</style></head><body>{body}</body></html>'


def recommendations(rng: random.Random, n: int) -> list[dict]:
    return [
        {"review": f"CSPR {rng.randint(1, 40):02d}", "number": i + 1,
         "text": " ".join(rng.choices(WORDS, k=rng.randint(3, 45))), "agency": "Police",
         "made_on": dt.date(2026, 1, 1 + i % 28), "status_label": rng.choice(["Open", "Closed"]),
         "actions_overdue": rng.randint(0, 3), "actions_complete": 1, "actions_total": 3}
        for i in range(n)
    ]  # fmt: skip


def test_no_recommendations_row_breaks_wherever_the_table_starts():
    rng = random.Random(7)
    rows = 0
    for _ in range(6):
        d = {"has_data": True, "case_reviews_begun": 2, "briefings": 1, "events": 1, "agencies_reached": 3,
             "recs": recommendations(rng, 40), "cases": []}  # fmt: skip
        before = "".join(
            f"<p>{' '.join(rng.choices(WORDS, k=rng.randint(5, 90)))}</p>" for _ in range(rng.randint(1, 9))
        )
        document = HTML(string=page(f"<section><h2>Case reviews</h2>{before}"
                                    f"{render_to_string('annual_report/pdf/_reviews.html', {'d': d})}</section>")).render()  # fmt: skip
        assert len(document.pages) > 1, "the table runs over a page break"
        rows += body_row_count(document)
        assert split_rows(document) == []
    assert rows == 6 * 40


def test_the_check_finds_a_row_that_really_breaks():
    """A row taller than a page cannot be kept whole: the check must report it."""
    long_text = " ".join(WORDS * 60)
    document = HTML(
        string=page(f"<table><tbody><tr><td>short</td></tr><tr><td>{long_text}</td></tr></tbody></table>")
    ).render()
    assert len(split_rows(document)) == 1
    assert split_rows(document)[0].startswith("the partnership")
