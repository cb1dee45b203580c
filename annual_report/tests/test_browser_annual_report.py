"""The business unit edits a narrative, generates the report, sees it built and downloads it."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_business_unit_writes_generates_and_downloads(page, live_server, world):
    sign_in(page, live_server, world.user("bu").username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Partnership dashboard")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="By QA quadrant").click()
    expect(page.get_by_role("heading", name="Evidence by quality assurance quadrant")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Annual report").click()
    assert_accessible(page)
    page.get_by_role("link", name="Narrative for 2024-25").click()
    assert_accessible(page)
    page.get_by_role("link", name="Edit What the partnership will do next year").click()
    page.get_by_label("Narrative").fill("Next year we will **tackle neglect** together.")
    page.get_by_label("State").select_option("approved")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("Saved")
    assert_accessible(page)

    page.goto(f"{live_server.url}/reports/annual/")
    page.get_by_label("Financial year").fill("2024-25")
    page.get_by_role("button", name="Generate").click()
    expect(page.get_by_role("heading", name="Annual report 2024-25, version 1")).to_be_visible()
    expect(page.locator("#report-label")).to_have_text("Ready", timeout=30_000)
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    data = open(download_info.value.path(), "rb").read()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Next year we will tackle neglect together." in text
