"""Journey: an agency lead reports progress; the PAQA chair tries to sign the action off without
evidence of outcome (refused, what they typed kept), then with it (done); the page's history
shows both the progress update and the sign-off."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actions.models import Action
from actions.tests.factories import home_paqa_action
from tests.browser.helpers import assert_accessible, open_signed_in, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_progress_then_sign_off_with_evidence(page, live_server, world):
    action = home_paqa_action(
        world,
        by="chair",
        description="Embed the neglect screening toolkit at the front door",
        measure="Re-audit of 20 neglect referrals shows the toolkit used in 18",
    )
    url = f"{live_server.url}/actions/{action.pk}/"

    # The agency lead finds the action in the list and reports progress.
    open_signed_in(page, live_server, world.user("lead").username, "/actions/")
    page.get_by_role("link", name="Embed the neglect screening toolkit at the front door").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Embed the neglect screening toolkit")
    assert_accessible(page)
    expect(page.get_by_role("heading", name="Sign off as complete")).to_have_count(0)  # not the lead's to do
    page.get_by_label("What has happened").fill("Toolkit briefed to all MASH social workers; baseline audit 11 of 20.")
    page.get_by_role("button", name="Save progress update").click()
    expect(page.get_by_role("status")).to_contain_text("Your progress update was saved.")
    expect(page.get_by_text("Toolkit briefed to all MASH social workers")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The chair of PAQA tries to sign it off with no evidence of outcome: refused, text kept.
    sign_in(page, live_server, world.user("chair").username)
    page.goto(url)
    expect(page.get_by_text("In progress", exact=True)).to_be_visible()
    page.get_by_label("Evidence of outcome").fill("Done")
    page.get_by_role("button", name="Sign off as complete").click()
    expect(page.get_by_role("alert")).to_contain_text("says the task was done, not what changed")
    expect(page.get_by_label("Evidence of outcome")).to_have_value("Done")
    expect(page.get_by_text("choose the files again")).to_be_visible()
    assert_accessible(page)
    assert Action.objects.get(pk=action.pk).status == Action.Status.IN_PROGRESS

    # Then with evidence: signed off.
    page.get_by_label("Evidence of outcome").fill("Re-audit of 20 neglect referrals: toolkit used in 19.")
    page.get_by_role("button", name="Sign off as complete").click()
    expect(page.get_by_role("status")).to_contain_text("signed off as complete")
    expect(page).to_have_url(url)
    expect(page.locator(".badge", has_text="Complete")).to_be_visible()
    assert_accessible(page)

    # The page's history shows both the progress update and the sign-off, newest first.
    activity = page.locator(".action-activity li")
    expect(activity).to_have_count(2)
    expect(activity.nth(0)).to_contain_text(f"Signed off by {world.user('chair')}")
    expect(activity.nth(0)).to_contain_text("toolkit used in 19")
    expect(activity.nth(1)).to_contain_text(
        f"Progress update for {timezone.localdate():%-d %B %Y} by {world.user('lead')}"
    )
    done = Action.objects.get(pk=action.pk)
    assert done.status == Action.Status.COMPLETE and done.completed_by == world.user("chair")
