"""Journey: an agency lead records an action with a past due date (warned, confirms), then
looks at the dashboard; every page passes axe."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actions.models import Action
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_past_due_date_is_confirmed_then_the_dashboard_counts_it(page, live_server, world):
    sign_in(page, live_server, world.user("lead").username)
    page.goto(f"{live_server.url}/actions/new/")
    assert_accessible(page)
    page.get_by_label("What will be done").fill("Audit strategy discussions held without health")
    page.get_by_label("How success will be measured").fill("Health present at 90% of strategy discussions")
    page.get_by_label("Owner").select_option(label=f"{world.user('contributor')} (Home)")
    past = timezone.localdate() - dt.timedelta(days=10)
    page.get_by_label("Due date").fill(past.isoformat())
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("This due date is in the past")).to_be_visible()
    expect(page.get_by_label("What will be done")).to_have_value("Audit strategy discussions held without health")
    assert_accessible(page)
    assert not Action.objects.exists()
    page.get_by_label("Yes, the due date is in the past").check()
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_role("status")).to_contain_text("The action was recorded.")
    expect(page.get_by_text("Overdue", exact=True)).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/actions/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action progress dashboard")
    expect(page.locator("#actions-by-agency .main-svg").first).to_be_visible()  # plotly drew it
    row = page.get_by_role("row", name="Home Agency")
    expect(row).to_contain_text("1")
    assert_accessible(page)
