"""The sign-off journey in a real browser: the business unit writes and submits the narratives,
a second member approves them, the three partner leads sign the version off, and a board
member downloads the approved report and the children's version."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from annual_report.sections import SECTIONS
from partnership.models import AgencyKind
from partnership.tests.factories import AgencyFactory, UserFactory
from tests.browser.helpers import assert_accessible, press, sign_in, switch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(open(path, "rb").read())).pages)


def test_narratives_are_approved_signed_off_and_downloaded(page, live_server, world):
    leads = []
    for name, kind in [("Council", AgencyKind.LOCAL_AUTHORITY), ("Police", AgencyKind.POLICE), ("ICB", AgencyKind.ICB)]:
        agency = AgencyFactory(name=f"{name} partner", kind=kind, statutory_partner=True)
        leads.append(UserFactory(username=f"lead-{name.lower()}", agency=agency, roles=["agency_lead"]).username)
    UserFactory(username="bu-second", agency=world.home, roles=["business_unit"])
    base = f"{live_server.url}/reports/annual/2024-25/narrative"

    # The business unit writes and submits every section.
    sign_in(page, live_server, world.user("bu").username)
    page.goto(f"{live_server.url}/reports/annual/")
    page.get_by_role("link", name="Narrative for 2024-25").click()
    assert_accessible(page)
    for section in SECTIONS:
        page.goto(f"{base}/{section.key}/")
        page.get_by_label("Narrative").fill(f"Our words on **{section.title.lower()}**.")
        page.get_by_label("State").select_option("submitted")
        press(page, "Save", "Saved")
    assert_accessible(page)

    # A second business-unit member approves them.
    switch(page, live_server, "bu-second")
    for section in SECTIONS:
        page.goto(f"{base}/{section.key}/read/")
        press(page, "Approve this narrative", "Approved")
    assert_accessible(page)

    # The business unit generates the version.
    switch(page, live_server, world.user("bu").username)
    page.goto(f"{live_server.url}/reports/annual/")
    page.get_by_label("Financial year").fill("2024-25")
    page.get_by_role("button", name="Generate").click()
    expect(page.get_by_role("heading", name="Annual report 2024-25, version 1")).to_be_visible()
    expect(page.locator("#report-label")).to_have_text("Ready", timeout=60_000)
    report_url = page.url

    # The three lead partners sign it off.
    for username in leads:
        switch(page, live_server, username)
        page.goto(report_url)
        press(page, "Sign off this version", "Signed off for")
    assert_accessible(page)

    # The second member approves the version (the generator may not).
    switch(page, live_server, "bu-second")
    page.goto(report_url)
    press(page, "Approve for the board and the public", "Approved")

    # A board member downloads the approved report and the children's version.
    switch(page, live_server, world.user("board").username)
    page.goto(report_url)
    assert_accessible(page)
    with page.expect_download() as full:
        page.get_by_role("link", name="Download the PDF").click()
    text = pdf_text(full.value.path())
    assert "Our words on foreword." in text and "Draft narrative" not in text
    with page.expect_download() as children:
        page.get_by_role("link", name="Download the children's version").click()
    assert "Keeping children safe" in pdf_text(children.value.path())
