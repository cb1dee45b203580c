"""Journey: the case review chair records a serious incident notification, completes the rapid
review and decides on a local practice review; adds two recommendations, turns each into a
SMART action, cannot close one while its action is open; publishes a learning briefing and
records a dissemination event. Every page is checked with axe."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from actions.models import Action
from reviews.models import CaseReview
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page, name="Save"):
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


def test_from_notification_to_learning(page, live_server, world):
    chair = world.user("chair")
    sign_in(page, live_server, chair.username)
    page.goto(f"{live_server.url}/reviews/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reviews")
    assert_accessible(page)

    # The notification: aware Friday 7 March 2025, panel notified Friday 14 March (5 working days).
    page.get_by_role("link", name="Record a case review").click()
    assert_accessible(page)
    page.get_by_label("Reference*").fill("RR-2025-03")
    page.get_by_label("Title*").fill("Serious injury to a baby")
    page.get_by_label("Kind").select_option(label="Rapid review")
    page.get_by_label("Home", exact=True).check()
    page.get_by_label("Date the partnership became aware").fill("2025-03-07")
    page.get_by_label("Date the national panel was notified").fill("2025-03-06")
    _submit(page)
    # Out of order: refused, with what was typed kept.
    expect(page.get_by_role("alert")).to_contain_text("Please correct the problems")
    expect(page.get_by_text("cannot be before the date the partnership became aware")).to_be_visible()
    expect(page.get_by_label("Title*")).to_have_value("Serious injury to a baby")
    assert_accessible(page)
    page.get_by_label("Date the national panel was notified").fill("2025-03-14")
    _submit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("RR-2025-03: Serious injury to a baby")
    timeline = page.get_by_role("table", name="National timescales")
    expect(timeline.get_by_role("row", name="National panel notified")).to_contain_text("On time")
    expect(timeline.get_by_role("row", name="Rapid review completed")).to_contain_text("Fri 4 Apr 2025")
    assert_accessible(page)

    # The rapid review is completed, then the decision is recorded.
    page.get_by_role("link", name="Edit the review").click()
    page.get_by_label("Date the rapid review was completed").fill("2025-03-31")
    page.get_by_label("Status").select_option(label="Rapid review")
    assert_accessible(page)
    _submit(page)
    expect(page.get_by_role("status")).to_contain_text("The review was saved.")
    page.get_by_role("link", name="Record the decision").click()
    assert_accessible(page)
    page.get_by_label("Meets the criteria: local practice review").check()
    page.get_by_label("Who decided").fill("The three statutory safeguarding partners")
    page.get_by_label("Date of the decision").fill("2025-04-01")
    page.get_by_label("Why").fill("Serious harm; the rapid review found learning about sharing information.")
    page.get_by_label("The national panel's view, where given").fill("The panel agreed.")
    _submit(page, "Record the decision")
    expect(page.get_by_role("status")).to_contain_text("The decision was recorded.")
    expect(page.locator(".lead")).to_contain_text("Local child safeguarding practice review")
    expect(page.locator(".lead")).to_contain_text("Review in progress")
    assert_accessible(page)
    review = CaseReview.objects.get(reference="RR-2025-03")
    assert review.kind == CaseReview.Kind.LOCAL_CSPR

    # Two recommendations, each turned into a SMART action for the home agency.
    due = (dt.date.today() + dt.timedelta(days=180)).isoformat()
    for number, text in enumerate(
        [
            "Agencies should record when a new adult joins a household with a baby.",
            "Health visitors should use the safer sleep assessment at every contact.",
        ],
        start=1,
    ):
        page.goto(f"{live_server.url}{review.get_absolute_url()}")
        page.get_by_role("link", name="Add a recommendation").click()
        assert_accessible(page)
        page.get_by_label("Recommendation").fill(text)
        page.get_by_label("Accountable agency").select_option(label="Home")
        _submit(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(f"RR-2025-03: recommendation {number}")
        assert_accessible(page)
        page.get_by_role("link", name="Add an action").click()
        assert_accessible(page)
        page.get_by_label("What will be done").fill(f"Put recommendation {number} into practice across the agency.")
        page.get_by_label("How success will be measured").fill("Audit of 10 cases shows it in 8.")
        page.get_by_label("Owner").select_option(value=str(world.user("lead").pk))
        page.get_by_label("Due date").fill(due)
        _submit(page, "Save action")
        expect(page.get_by_role("status")).to_contain_text("The action was recorded.")
    assert Action.objects.filter(source_id__in=review.recommendations.values("pk")).count() == 2

    # Closing a recommendation while its action is open is refused with the reason.
    rec = review.recommendations.get(number=1)
    page.goto(f"{live_server.url}{rec.get_absolute_url()}")
    expect(page.get_by_role("table", name="SMART actions")).to_contain_text("Put recommendation 1 into practice")
    page.get_by_role("button", name="Close the recommendation").click()
    expect(page.get_by_role("alert")).to_contain_text("1 of its actions is still open")
    assert_accessible(page)

    # A learning briefing and a dissemination event.
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.get_by_role("link", name="Add a learning briefing").click()
    page.get_by_label("Title*").fill("7-minute briefing: new adults in the household")
    page.get_by_label("Summary").fill("What happened, why it matters, and three questions for supervision.")
    page.get_by_label("Published on").fill("2025-06-02")
    assert_accessible(page)
    _submit(page)
    expect(page.get_by_role("status")).to_contain_text("The briefing was added.")
    page.get_by_role("link", name="Record a dissemination event").click()
    page.get_by_label("Date").fill("2025-06-20")
    page.get_by_label("Audience").fill("Designated safeguarding leads' forum")
    page.get_by_label("Briefing").select_option(label="7-minute briefing: new adults in the household")
    page.get_by_label("How many attended").fill("42")
    page.get_by_label("Home", exact=True).check()
    assert_accessible(page)
    _submit(page)
    events = page.get_by_role("table", name="Where the learning of RR-2025-03 was taken")
    expect(events).to_contain_text("Designated safeguarding leads' forum")
    expect(events).to_contain_text("42")
    assert_accessible(page)

    # The dashboards show it.
    page.goto(f"{live_server.url}/reviews/recommendations/")
    expect(page.get_by_role("table", name="Open recommendations per agency")).to_contain_text("Home Agency")
    assert_accessible(page)
    page.goto(f"{live_server.url}/reviews/learning/?year=2025")
    expect(page.get_by_role("table", name="Events reaching each agency")).to_contain_text("Home Agency")
    assert_accessible(page)
    page.goto(f"{live_server.url}/reviews/")
    expect(page.get_by_role("table", name="Timescale compliance")).to_contain_text("National panel notified")
    assert_accessible(page)
