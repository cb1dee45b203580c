"""Browser journey: a panel member records a notification, the rapid response and the panel
review; a board member sees only suppressed aggregates and no case (axe on every page)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reference(world):
    from cdop.tests.factories import load_reference_data

    load_reference_data()


def test_a_panel_member_records_a_death_from_notification_to_panel_review(page, live_server, world, reference):
    from cdop.models import Death
    from partnership.models import SecurityEvent

    sign_in(page, live_server, world.user("cdop").username)
    page.goto(f"{live_server.url}/cdop/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Child deaths")
    assert_accessible(page)

    page.get_by_role("link", name="Record a notification").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("notification")
    assert_accessible(page)
    page.get_by_label("Case number").fill("CD-2025-031")
    page.get_by_label("Date of death").fill("2025-03-04")
    page.get_by_label("Date the panel was notified").fill("2025-03-02")  # before the death: refused
    page.get_by_label("Age at death in completed years").fill("0")
    page.get_by_label("Age in completed days").fill("40")
    page.get_by_label("Sex").select_option("male")
    page.get_by_label("Area of residence").select_option(label="Dearne")
    page.get_by_label("Place of death").select_option("home")
    page.get_by_label("Ethnicity").select_option(label="Not stated")
    page.get_by_label("Deprivation of the child's home (IMD quintile)").select_option(
        label="Quintile 1 (most deprived)"
    )
    page.get_by_label("Unexpected").check()
    page.get_by_label("Home", exact=True).check()
    page.get_by_role("button", name="Record notification").click()
    expect(page.get_by_role("alert")).to_contain_text("not saved")
    expect(page.locator("#id_date_of_death").locator("..")).to_contain_text(
        "cannot be after the date the panel was notified"
    )
    expect(page.get_by_label("Case number")).to_have_value("CD-2025-031")
    expect(page.get_by_label("Age in completed days")).to_have_value("40")
    expect(page.get_by_label("Deprivation of the child's home (IMD quintile)")).to_have_value("1")
    assert_accessible(page)
    page.get_by_label("Date the panel was notified").fill("2025-03-05")
    page.get_by_role("button", name="Record notification").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Case CD-2025-031")
    expect(page.get_by_text("28 days to under 1 year (40 days)")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record the rapid response").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Joint agency response")
    assert_accessible(page)
    page.get_by_label("Yes").check()
    page.get_by_label("Date of the joint agency response").fill("2025-03-05")
    page.get_by_role("button", name="Record response").click()
    expect(page.get_by_text("Held on 5 March 2025, within 24 hours of the death.")).to_be_visible()
    expect(page.get_by_text("Information gathering").first).to_be_visible()

    page.get_by_role("button", name="Move to “Awaiting panel”").click()
    expect(page.get_by_role("status").first).to_contain_text("Awaiting panel")

    page.get_by_role("link", name="Record the panel review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Panel review of case CD-2025-031")
    assert_accessible(page)
    page.get_by_label("Date of the panel review").fill("2025-07-10")
    page.get_by_label("Category of death").select_option(label="10. Sudden unexpected, unexplained death")
    for name in ("Factors intrinsic to the child", "Service provision"):
        page.get_by_label(f"Score: {name}").select_option("1")
    page.get_by_label("Score: Social environment, including family and parenting capacity").select_option("1*")
    page.get_by_label("Score: Physical environment").select_option("2")
    page.get_by_label("Factors identified: Physical environment").fill("Baby asleep on a sofa with a parent.")
    page.get_by_label("Modifiable factors").select_option("yes")
    page.get_by_label("Learning points").fill("Repeat safer sleep advice when a family moves home.")
    page.get_by_role("button", name="Save panel review").click()

    expect(page.get_by_role("status").first).to_contain_text("Panel review recorded")
    expect(page.get_by_text("10. Sudden unexpected, unexplained death")).to_be_visible()
    expect(
        page.get_by_role("cell", name="1* – factors identified but unlikely to have contributed to the death")
    ).to_be_visible()
    assert_accessible(page)

    death = Death.objects.get(case_number="CD-2025-031")
    assert death.status == "reviewed" and death.jar_date == dt.date(2025, 3, 5)
    assert death.review.factors.get(domain__code="social").score == "1*"
    # Every view of the case was logged.
    assert SecurityEvent.objects.filter(kind="cdop_view", detail__contains="CD-2025-031").count() >= 5

    # The review counts at once in the panel's analysis, exact for the panel, hidden as published.
    page.goto(f"{live_server.url}/cdop/")
    page.get_by_role("link", name="Analysis for the annual report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The panel's analysis for its annual report")
    deprivation = page.get_by_role(
        "table", name="Panel reviews completed, by year of review (April to March) and the child's Index"
    )
    expect(deprivation.get_by_role("row", name="Quintile 1 (most deprived) 1 (100.0%) 1", exact=True)).to_be_visible()
    expect(
        page.get_by_role("table", name="Reviews completed by age at death: rate per 100,000 children")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Show the figures as the annual report publishes them").click()
    expect(deprivation.get_by_role("row", name="Quintile 1 (most deprived) c c", exact=True)).to_be_visible()


def test_a_board_member_sees_only_suppressed_aggregates(page, live_server, world, reference):
    from cdop.tests.factories import DeathFactory, review_for

    made = []
    for i in range(9):
        made.append(DeathFactory(case_number=f"CD-B-{i}", date_of_death=dt.date(2024, 6, 1) + dt.timedelta(days=i)))
    for i in range(3):
        death = DeathFactory(case_number=f"CD-E-{i}", expectation="expected", date_of_death=dt.date(2024, 7, 1))
        review_for(death, category_code="malignancy", reviewed_on=dt.date(2024, 12, 1))

    sign_in(page, live_server, world.user("board").username)
    page.goto(f"{live_server.url}/cdop/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Child deaths")
    expect(page.get_by_role("note").filter(has_text="shown as c")).to_be_visible()
    expect(page.get_by_role("note").filter(has_text="c means suppressed")).to_be_visible()
    expect(page.get_by_role("table").first.locator('abbr[title^="c means suppressed"]').first).to_be_visible()
    expect(page.get_by_role("link", name="Record a notification")).to_have_count(0)
    table = page.get_by_role("table", name="Child deaths notified, by year of death (April to March) and whether")
    # 3 expected deaths: hidden, and so is the 9 beside it (the total of 12 would give it away).
    expect(table.get_by_role("row", name="Expected c c", exact=True)).to_be_visible()
    expect(table.get_by_role("row", name="Unexpected c c", exact=True)).to_be_visible()
    body = page.content()
    assert "CD-B-" not in body and "CD-E-" not in body
    assert_accessible(page)

    response = page.goto(f"{live_server.url}/cdop/cases/{made[0].pk}/")
    assert response.status == 404
    assert "CD-B-0" not in page.content()
    response = page.goto(f"{live_server.url}/cdop/cases/")
    assert response.status == 404
