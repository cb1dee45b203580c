"""PAQA's quarter in the browser: a school contributor enters an overdue bullying return from
"Returns due"; PAQA raises a question on a red figure; the police lead answers it; PAQA closes
it and builds the meeting pack — every page checked with axe-core."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.tests.factories import MeetingFactory
from paqa.models import MeetingPack, Question
from partnership.models import SubCommittee
from partnership.tests.factories import AgencyFactory, UserFactory
from scorecard.models import AgencyReturn, Measurement, Submitter, Target
from scorecard.tests.factories import IndicatorFactory
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("patient_page")]


@pytest.fixture
def quarter(world):
    bullying = IndicatorFactory(
        code="BULLY_INCIDENTS", name="Bullying incidents recorded by schools", unit="count", decimals=0,
        polarity="neither", frequency="monthly", due_days=1, category="bullying",
    )  # fmt: skip
    school = AgencyFactory(name="Oakwell Primary School", short_name="Oakwell Primary")
    teacher = UserFactory(username="school", agency=school, roles=["agency_contributor"])
    Submitter.objects.create(indicator=bullying, agency=school, responsible=teacher)
    red = IndicatorFactory(
        code="POL_DA", name="Domestic abuse notifications before the next school day", owning_agency=world.home
    )
    Target.objects.create(indicator=red, value=Decimal(95), effective_from=dt.date(2019, 4, 1))
    Measurement.objects.create(
        indicator=red, period_start=dt.date(2026, 9, 1), period_end=dt.date(2026, 9, 30), value=Decimal("81.0"),
        entered_at=timezone.now(),
    )  # fmt: skip
    MeetingFactory(body=SubCommittee.objects.get(code="paqa"), held_on=timezone.localdate() + dt.timedelta(days=20))
    return {"school": school, "teacher": teacher, "red": red}


def test_paqas_quarter(page, live_server, world, quarter):
    # 1. The school contributor enters the overdue bullying return from "Returns due".
    sign_in(page, live_server, "school")
    page.goto(f"{live_server.url}/scorecard/returns/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Returns due")
    assert_accessible(page)
    page.get_by_role("link", name="Enter Bullying incidents recorded by schools").first.click()
    expect(page.get_by_label("Number")).to_be_visible()  # the form's page, not the list still unloading
    assert_accessible(page)
    page.get_by_label("Number").fill("7")
    page.get_by_role("button", name="Submit figure").click()
    expect(page.get_by_text("Saved Bullying incidents recorded by schools")).to_be_visible()
    assert AgencyReturn.objects.get(agency=quarter["school"]).numerator == 7

    # 2. PAQA raises a question on the red figure.
    sign_in(page, live_server, world.user("paqa").username)
    page.goto(f"{live_server.url}{quarter['red'].get_absolute_url()}")
    page.get_by_role("link", name="Ask PAQA's question on September 2026").click()
    expect(page.get_by_label("Question")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Question").fill("Why did notifications fall below target in September?")
    page.get_by_role("button", name="Send the question").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Question on")
    assert_accessible(page)
    question = Question.objects.get()

    # 3. The police lead answers it.
    sign_in(page, live_server, world.user("lead").username)
    page.goto(f"{live_server.url}/paqa/questions/")
    assert_accessible(page)
    page.get_by_role("link", name=question.figure_label).click()
    page.get_by_label("Your answer").fill("A new incident system delayed the flags; fixed on 3 October.")
    page.get_by_role("button", name="Send the answer to PAQA").click()
    expect(page.get_by_text("Answered: waiting for PAQA").first).to_be_visible()

    # 4. PAQA closes it and builds the pack for the next meeting.
    sign_in(page, live_server, world.user("paqa").username)
    page.goto(f"{live_server.url}{question.get_absolute_url()}")
    page.get_by_label("Accept the answer and close the question").check()
    page.get_by_role("button", name="Record PAQA's view").click()
    expect(page.get_by_text("Closed: answer accepted").first).to_be_visible()
    page.goto(f"{live_server.url}/paqa/")
    assert_accessible(page)
    page.get_by_role("link", name="Meeting packs").click()
    page.get_by_role("button", name="Build the pack").click()
    expect(page.get_by_role("heading", name="1. Scorecard exceptions")).to_be_visible()
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
    assert_accessible(page)
    assert MeetingPack.objects.get().status == "ready"
    assert Question.objects.get().status == "closed"
