"""The conference journey: the safeguarding services manager records an initial conference
with three agencies and creates a questionnaire link; a parent answers through it without
signing in; PAQA sees both on the monitoring dashboard and the scorecard (axe on every page)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bscp_portal.lib.workdays import add_working_days
from conferences.tests.factories import load_framework
from partnership.tests.factories import AgencyFactory
from tests.browser.helpers import assert_accessible, open_signed_in, press, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_initial_conference_questionnaire_by_link_and_paqa_sees_both(page, live_server, world):
    from scorecard.framework import load_catalogue

    load_catalogue()
    load_framework()
    third = AgencyFactory(name="Third Agency", short_name="Third")
    today = timezone.localdate()
    enquiry = today - dt.timedelta(days=14)
    conference_day = min(today, add_working_days(enquiry, 8))

    # The safeguarding services manager records the conference.
    open_signed_in(page, live_server, world.user("ssm").username, "/conferences/")
    page.get_by_role("link", name="Record a conference").click()
    assert_accessible(page)
    page.get_by_label("Child's case reference").fill("CP-26-31415")
    page.get_by_label("Kind").select_option("initial")
    page.get_by_label("Strategy discussion").fill(enquiry.isoformat())
    page.get_by_label("Section 47 enquiry start").fill(enquiry.isoformat())
    page.get_by_label("Conference date").fill(conference_day.isoformat())
    page.get_by_label("Chair").fill("Janet Ahmed")
    page.get_by_label("Outcome").select_option("plan_made")
    page.get_by_label("Category of plan").select_option("neglect")
    page.get_by_label("Plan start").fill(conference_day.isoformat())
    page.get_by_label("Parents attended").check()
    page.get_by_label("Child's sex").select_option("female")
    page.get_by_label("Child's age band").select_option("1_4")
    page.get_by_label("Child's ethnicity").select_option("not_known")
    page.get_by_label("Child's disability").select_option("no")
    page.get_by_role("button", name="Save conference").click()

    # Three agencies: two attend, one sends apologies.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agencies at the initial conference")
    assert_accessible(page)
    report_day = (conference_day - dt.timedelta(days=7)).isoformat()
    for agency, attended in ((world.home, True), (world.other, True), (third, False)):
        page.get_by_label(f"Invited: {agency}", exact=True).check()
        if attended:
            page.get_by_label(f"Attended: {agency}", exact=True).check()
        else:
            page.get_by_label(f"Apologies: {agency}", exact=True).check()
        page.get_by_label(f"Report received: {agency}", exact=True).fill(report_day)
    page.get_by_role("button", name="Save agencies").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Initial conference: CP-26-31415")
    expect(page.get_by_text("In timescale").first).to_be_visible()
    assert_accessible(page)

    # A one-time link for the parent.
    page.get_by_label("Link for").select_option("parent")
    page.get_by_role("button", name="Create a one-time link").click()
    link = page.locator("#questionnaire-link").get_attribute("href")
    assert "/conferences/q/" in link
    assert_accessible(page)
    sign_out(page)

    # The parent answers without signing in; nothing about the case is shown.
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your views on the child protection conference")
    expect(page.get_by_text("CP-26-31415")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("group", name="I felt listened to at the conference").get_by_label("Strongly agree").check()
    page.get_by_role("group", name="I was treated with respect").get_by_label("Agree", exact=True).check()
    page.get_by_label("What went well?").fill("The chair explained everything.")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert_accessible(page)
    page.goto(link)
    expect(page.get_by_text("already been answered")).to_be_visible()
    assert_accessible(page)

    # The business unit recomputes the indicators into the scorecard.
    sign_in(page, live_server, world.user("bu").username)
    page.goto(f"{live_server.url}/conferences/dashboard/")
    press(page, "Recompute scorecard indicators", "being recomputed")
    sign_out(page)

    # PAQA sees the conference and the questionnaire on the dashboard, and the scorecard figure.
    sign_in(page, live_server, world.user("paqa").username)
    page.goto(f"{live_server.url}/conferences/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Child protection conference monitoring")
    month = conference_day.strftime("%b %Y")
    timeliness = page.get_by_role("table", name="Timeliness by month")
    expect(timeliness.get_by_role("row", name=month)).to_contain_text("100.0")
    questionnaires = page.get_by_role("table", name="Questionnaires by month")
    expect(questionnaires.get_by_role("row", name=conference_day.strftime("%b %Y"))).to_contain_text("1")
    agencies = page.get_by_role("table", name="Attendance and reports by agency")
    expect(agencies.get_by_role("row", name="Third")).to_contain_text("0.0")
    assert_accessible(page)
    page.goto(f"{live_server.url}/scorecard/indicators/CP_ICPC_15WD/")
    expect(page.get_by_text("Computed from conferences records").first).to_be_visible()
    expect(page.get_by_role("cell", name="100.0").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/conferences/agencies/")
    assert_accessible(page)
