"""The partnership monitors itself: a chair signs off an objective's action with evidence, the
business unit records a meeting's attendance, a practitioner answers the public feedback form,
and PAQA tables a report on the Partnership's agenda — every page checked with axe-core."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from actions.services import action_create
from governance import report_services, services, voice_services
from governance.models import Attendance, FeedbackResponse, RoutedReport
from governance.tests.factories import MeetingFactory, ObjectiveFactory
from partnership.tests.factories import SubCommitteeFactory
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("patient_page")]


@pytest.fixture
def setting(world, settings):
    from django.core.cache import cache

    cache.clear()  # the public form's rate limit counts by address in the cache
    settings.GOVERNANCE_FEEDBACK_MIN_SECONDS = 1
    objective = ObjectiveFactory(title="Embed quality and effectiveness", subcommittee=SubCommitteeFactory(code="paqa"))
    action_create(
        created_by=world.user("bu"),
        description="Run a multi-agency neglect audit",
        measure="Findings reported to PAQA",
        owner=world.user("lead"),
        agency=world.home,
        due_date=dt.date.today() + dt.timedelta(days=60),
        subcommittee=objective.subcommittee,
        source=objective,
    )
    partnership = SubCommitteeFactory(code="partnership", name="Safeguarding Children Partnership")
    past = services.meeting_create(
        body=partnership,
        held_on=dt.date.today() - dt.timedelta(days=3),
        expected_agencies=[world.home, world.other],
        title="Partnership board, last week",
    )
    future = MeetingFactory(
        body=partnership, held_on=dt.date.today() + dt.timedelta(days=20), title="Partnership board, next month"
    )
    voice_services.campaign_open(title="Practitioner voice", introduction="Tell us how partners work together.")
    report = report_services.report_receive(
        title="Neglect audit findings", author="Charles Hargreaves", source_kind="audits", received_on=dt.date.today()
    )
    return {"objective": objective, "past": past, "future": future, "report": report}


def test_the_partnership_monitors_itself(page, live_server, world, setting):
    # 1. A chair signs off an objective's action — only with evidence of its outcome.
    sign_in(page, live_server, world.user("chair").username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Partnership", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name=str(setting["objective"].priority.plan)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(setting["objective"].priority.plan.title)
    assert_accessible(page)
    page.get_by_role("link", name="Embed quality and effectiveness").click()
    assert_accessible(page)
    page.get_by_role("link", name="Run a multi-agency neglect audit").click()
    page.get_by_role("button", name="Sign off as complete").click()
    expect(page.get_by_role("alert")).to_contain_text("evidence of its outcome")
    assert_accessible(page)
    page.get_by_label("Evidence of outcome").fill(
        "Re-referrals for neglect fell from 24% to 17% after the audit's actions."
    )
    page.get_by_role("button", name="Sign off as complete").click()
    expect(page.get_by_text("Re-referrals for neglect fell", exact=False).first).to_be_visible()
    page.goto(f"{live_server.url}/partnership/performance/plans/{setting['objective'].priority.plan.pk}/")
    expect(page.get_by_text("1 of 1 complete (100.0%)")).to_be_visible()
    expect(page.get_by_text("Re-referrals for neglect fell", exact=False)).to_be_visible()
    # The chair rates the objective and explains why.
    page.get_by_role("link", name="Embed quality and effectiveness").click()
    page.get_by_role("combobox", name="Overall rating").select_option("GREEN")
    page.get_by_label("Why this rating").fill("The audit's actions are complete with evidence of impact.")
    page.get_by_role("button", name="Save rating").click()
    expect(page.get_by_role("status")).to_contain_text("Rating saved")
    assert_accessible(page)

    # 2. The business unit records the meeting's attendance.
    sign_in(page, live_server, world.user("bu").username)
    page.goto(f"{live_server.url}/partnership/performance/meetings/")
    assert_accessible(page)
    page.get_by_role("link", name="Partnership board, last week").click()
    page.get_by_role("link", name="Record attendance").click()
    assert_accessible(page)
    page.get_by_label("Home Agency: attendance").select_option("attended")
    page.get_by_label("Canary Agency: attendance").select_option("apologies")
    page.get_by_label("Canary Agency: deputy (with apologies)").fill("Deputy head of safeguarding")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("status")).to_contain_text("Attendance recorded")
    expect(page.get_by_text("2 of 2 expected agencies represented")).to_be_visible()
    assert_accessible(page)
    assert set(Attendance.objects.filter(meeting=setting["past"]).values_list("status", flat=True)) == {
        "attended",
        "apologies",
    }
    page.goto(f"{live_server.url}/partnership/performance/attendance/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    # 3. A practitioner answers the public feedback form, without signing in.
    page.goto(f"{live_server.url}/partnership/performance/practitioner-feedback/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Practitioner voice")
    assert_accessible(page)
    page.get_by_label("Type of agency you work for").select_option("education")
    page.get_by_label("Your role").select_option("teacher")
    for group in page.locator("fieldset, div[id^='div_id_q']").all():
        radios = group.get_by_role("radio")
        if radios.count():
            radios.nth(3).check()
    page.get_by_label("What one thing would most help you keep children safe?").fill("Named contacts in health.")
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert_accessible(page)
    assert FeedbackResponse.objects.get().role == "teacher"

    # 4. PAQA tables the report for the Partnership's next meeting; it appears on the agenda.
    sign_in(page, live_server, world.user("paqa").username)
    page.goto(f"{live_server.url}/partnership/performance/reports/")
    assert_accessible(page)
    page.get_by_role("link", name="Neglect audit findings").click()
    page.get_by_label("Table for the Partnership").check()
    page.get_by_label("Partnership meeting (when tabled)").select_option(label=str(setting["future"]))
    page.get_by_label("Reason for PAQA's decision").fill("The findings need the Partnership's decision.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("status")).to_contain_text("Decision recorded")
    expect(page.get_by_text("Tabled for the Partnership").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=str(setting["future"])).click()
    agenda = page.get_by_role("region", name="Agenda: reports tabled by PAQA")
    expect(agenda.get_by_role("link", name="Neglect audit findings")).to_be_visible()
    assert_accessible(page)
    assert RoutedReport.objects.get().status == "tabled"
