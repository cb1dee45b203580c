"""Journey: a multi-agency audit draws a sample from an uploaded list, records answers for two
agencies on one case, and produces the report PDF, whose text is checked."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.helpers import assert_accessible, open_signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "reference,agencies,age_band\n"
    "NG-101,Home;Canary,0-4\n"
    "NG-102,Home;Canary,5-9\n"
    "NG-103,Home,0-4\n"
    "NG-102,Home;Canary,5-9\n"
    "NG-104,Home;Canary,10-15\n"
)


def test_sample_answers_and_report(page, live_server, world, tmp_path):
    from audits.framework import load

    load()
    candidates = tmp_path / "candidates.csv"
    candidates.write_text(CSV)
    open_signed_in(page, live_server, world.user("paqa").username, "/audits/practice/")
    page.get_by_role("link", name="New multi-agency audit").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Neglect practice audit 2026")
    page.get_by_label("Theme").fill("Neglect")
    page.get_by_label("Information sharing").check()
    page.get_by_label("Voice of the child").check()
    page.get_by_label("Home", exact=True).check()
    page.get_by_label("Canary", exact=True).check()
    page.get_by_role("button", name="Set up audit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neglect practice audit 2026")
    assert_accessible(page)

    # Upload the candidate list: duplicates and one-agency cases are shown and left out.
    page.get_by_role("link", name="Load candidate cases").click()
    page.get_by_label("Candidate cases (CSV)").set_input_files(str(candidates))
    page.get_by_role("button", name="Load candidates").click()
    expect(page.get_by_text("3 eligible candidate cases")).to_be_visible()
    excluded = page.get_by_role("table", name="Candidate rows excluded, with the reason")
    expect(excluded).to_contain_text("Only one agency involved")
    expect(excluded).to_contain_text("Duplicate of row 2.")
    assert_accessible(page)

    # Too large a sample is refused with the number eligible; then a reproducible draw.
    page.get_by_label("Sample size (cases)").fill("4")
    page.get_by_role("button", name="Draw the random sample").click()
    expect(page.get_by_role("alert")).to_contain_text("3 eligible")
    expect(page.get_by_label("Sample size (cases)")).to_have_value("4")
    assert_accessible(page)
    page.get_by_label("Sample size (cases)").fill("2")
    page.get_by_label("Seed (optional)").fill("2026")
    page.get_by_role("button", name="Draw the random sample").click()
    expect(page.get_by_text("gives the same cases")).to_be_visible()
    assert_accessible(page)

    # Answers for both agencies on the first case drawn.
    page.get_by_role("link", name="Neglect practice audit 2026").click()
    page.get_by_role("table", name="Sampled cases, in draw order").get_by_role("link").first.click()
    assert_accessible(page)
    case_url = page.url
    for agency, answer, strength in (
        ("Canary", "Met", "Chronology shared the same day"),
        ("Home", "Partly met", "Child seen alone at every visit"),
    ):
        page.get_by_role("link", name=f"Record answers for {agency}").click()
        assert_accessible(page)
        for radio in page.get_by_role("radio", name=answer, exact=True).all():
            radio.check()
        page.get_by_label("Practice strengths").fill(strength)
        page.get_by_role("button", name="Save answers").click()
        expect(page).to_have_url(case_url)
    expect(page.get_by_text("Chronology shared the same day")).to_be_visible()
    expect(page.get_by_text("Child seen alone at every visit")).to_be_visible()
    page.get_by_text("Grade this case").click()
    page.get_by_label("Grade for the case").select_option(label="Good")
    page.get_by_role("button", name="Save grade").click()
    assert_accessible(page)

    # The analysis, then the report PDF.
    page.get_by_role("link", name="Neglect practice audit 2026").click()
    page.get_by_role("link", name="Analysis").click()
    expect(page.get_by_role("table", name="Per agency")).to_contain_text("Canary")
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the report (PDF)").click()
    pdf = PdfReader(io.BytesIO(open(info.value.path(), "rb").read()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Neglect practice audit 2026" in text
    assert "Seed 2026" in text
    assert "Information sharing" in text and "Voice of the child" in text
    assert "Chronology shared the same day" in text and "Child seen alone at every visit" in text
    assert "100.0%" in text  # Canary met every criterion
