"""Journey: PAQA requests an audit, the agency submits findings and an action plan, PAQA escalates a concern."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, open_signed_in, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_request_outcome_action_plan_and_escalation(page, live_server, world):
    due = (timezone.localdate() + dt.timedelta(days=60)).isoformat()

    # The PAQA chair asks the home agency for an audit.
    open_signed_in(page, live_server, world.user("chair").username, "/audits/")
    page.get_by_role("link", name="Request an audit").click()
    assert_accessible(page)
    page.get_by_label("Agency to audit").select_option(label=str(world.home))
    page.get_by_label("Title").fill("Voice of the child at domestic abuse call-outs")
    page.get_by_label("Area or theme").fill("Domestic abuse")
    page.get_by_label("Scope").fill("Call-outs in the last six months where children were present")
    page.get_by_label("Report due by").fill(due)
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voice of the child at domestic abuse call-outs")
    expect(page.get_by_text("has been told")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The agency lead finds it on the home page, records findings, a recommendation and an action.
    sign_in(page, live_server, world.user("lead").username)
    expect(page.get_by_text("Audits requested of your agency")).to_be_visible()
    page.get_by_role("link", name="Voice of the child at domestic abuse call-outs").click()
    assert_accessible(page)
    audit_url = page.url
    for grade, text in (
        ("Good practice", "Officers noted the children present at every incident."),
        ("Shortfall / concern", "Children's own words were recorded in only 3 of 25 incidents."),
    ):
        page.get_by_role("link", name="Add a finding").click()
        page.get_by_label("Grade").select_option(label=grade)
        page.get_by_label("Finding").fill(text)
        page.get_by_role("button", name="Add finding").click()
    expect(page.get_by_text("Children's own words were recorded in only 3 of 25 incidents.")).to_be_visible()
    page.get_by_role("link", name="Add a recommendation").click()
    assert_accessible(page)
    page.get_by_label("Recommendation").fill("Add a prompt for the child's account to the risk form.")
    page.get_by_role("button", name="Add").click()

    page.get_by_role("link", name="Add an action").click()
    assert_accessible(page)
    page.get_by_label("What will be done").fill("Add the child's-account prompt to the risk form and brief officers")
    page.get_by_label("How success will be measured").fill("Re-audit of 25 incidents finds the child's words in 20")
    page.get_by_label("Owner").select_option(index=1)
    page.get_by_label("Due date").fill(due)
    page.get_by_role("button", name="Save action").click()
    page.goto(audit_url)
    expect(page.get_by_role("link", name="Add the child's-account prompt")).to_be_visible()

    # Submitting without a summary keeps the page and says why.
    page.get_by_role("link", name="Submit the outcome").click()
    page.get_by_role("button", name="Submit outcome to PAQA").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    assert_accessible(page)
    page.get_by_label("Outcome summary").fill("Children are seen but rarely heard; see findings.")
    page.get_by_role("button", name="Submit outcome to PAQA").click()
    expect(page.get_by_text("The outcome was submitted to PAQA.")).to_be_visible()
    sign_out(page)

    # PAQA considers the outcome and escalates the shortfall to the Partnership.
    sign_in(page, live_server, world.user("paqa").username)
    page.goto(audit_url)
    page.get_by_role("link", name="Record PAQA consideration").click()
    page.get_by_label("PAQA consideration").fill(
        "PAQA agrees the plan; the shortfall needs the Partnership's attention."
    )
    page.get_by_role("button", name="Record").click()
    page.get_by_role("link", name="Escalate a concern").click()
    assert_accessible(page)
    page.get_by_label("Finding concerned").select_option(index=2)
    page.get_by_label("Why it goes to the Partnership").fill("A repeat of a rapid review finding.")
    page.get_by_role("button", name="Escalate to the Partnership").click()
    expect(page.get_by_text("The concern was escalated to the Partnership.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The Partnership sees it on its dashboard until it is resolved.
    sign_in(page, live_server, world.user("board").username)
    panel = page.get_by_role("region", name="Audits")
    expect(panel).to_contain_text("Escalated to the Partnership, unresolved")
    expect(panel).to_contain_text("Voice of the child at domestic abuse call-outs")
    assert_accessible(page)
