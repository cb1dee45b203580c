"""Browser journey: the CDOP chair asks the police for information about a death; the police's
designated person finds it on their home page and answers; the chair sees the answer."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_sends_a_request_that_the_police_lead_answers(page, live_server, world):
    from cdop.models import InformationRequest
    from cdop.tests.factories import DeathFactory, load_reference_data

    load_reference_data()
    death = DeathFactory(case_number="CD-2025-040")
    lead = world.user("lead")  # the Home agency is a police force
    lead.first_name, lead.last_name = "Paul", "Leach"
    lead.save()

    sign_in(page, live_server, world.user("cdop").username)
    page.goto(f"{live_server.url}{death.get_absolute_url()}")
    page.get_by_role("link", name="Ask an agency for information").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask an agency about case CD-2025-040")
    assert_accessible(page)
    page.get_by_label("Agency asked").select_option(label=str(world.home))
    page.get_by_label("Designated person").select_option(label=f"Paul Leach ({world.home})")
    page.get_by_label("What the panel asks").fill("Any police contact with the household in the last two years?")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Case CD-2025-040")
    expect(page.get_by_text("Not answered yet")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, lead.username)
    expect(page.get_by_text("1 request waiting for your answer")).to_be_visible()
    page.get_by_role("link", name="Answer the panel's requests").click()
    assert_accessible(page)
    page.get_by_role("link", name="Case CD-2025-040").click()
    expect(page.get_by_text("Any police contact with the household")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send the answer").click()  # empty: refused, explained
    expect(page.get_by_role("alert")).to_contain_text("not sent")
    page.get_by_label("Your agency's answer").fill("Two domestic abuse call-outs in 2024; both referred.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("Thank you: your answer was sent to the panel.")).to_be_visible()
    assert InformationRequest.objects.get().answer.startswith("Two domestic abuse call-outs")
    assert page.goto(f"{live_server.url}{death.get_absolute_url()}").status == 404  # the case stays the panel's
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, world.user("cdop").username)
    page.goto(f"{live_server.url}{death.get_absolute_url()}")
    page.get_by_role("link", name="Answered").click()
    expect(page.get_by_text("Two domestic abuse call-outs in 2024; both referred.")).to_be_visible()
    expect(page.get_by_text("Answered on")).to_contain_text("Paul Leach")
