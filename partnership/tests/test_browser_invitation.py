"""The business unit invites a new agency lead, who opens the link on a phone (390 px wide),
chooses a password and starts their agency's first Section 11 return. On every page the new
lead reaches, nothing scrolls sideways and axe finds no serious problem."""

import re

import pytest
from playwright.sync_api import expect

from section11.tests.factories import open_round
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("patient_page")]

PHONE = {"width": 390, "height": 844}


def _fits(page) -> None:
    page.wait_for_load_state("load")
    width, viewport = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= viewport, f"{page.url} scrolls sideways: {width} px in {viewport} px"


def _fits_and_accessible(page) -> None:
    _fits(page)
    assert_accessible(page)


def _choose_password(page, password: str) -> None:
    page.get_by_label("Choose a password").fill(password)
    page.get_by_label("Type the password again").fill(password)
    page.get_by_role("button", name="Set password and sign in").click()


def test_a_new_agency_lead_is_invited_and_enters_their_first_return_on_a_phone(
    page, browser, live_server, world, mailoutbox
):
    open_round(name="Section 11 self-audit 2026-27")

    # The business unit invites the lead: agency first, then the person and their role.
    sign_in(page, live_server, world.user("bu").username)
    page.get_by_role("button", name=re.compile("^Account:")).click()
    page.get_by_role("link", name="People and access").click()
    assert_accessible(page)
    page.get_by_role("link", name="Invite a person").click()
    page.get_by_label("Which agency does the person work for?").select_option(label="Canary Agency")
    page.get_by_role("button", name="Continue").click()
    assert_accessible(page)
    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name").fill("Osei")
    page.get_by_label("E-mail address").fill("nadia.osei@canary.example")
    page.get_by_label("Job title").fill("Named nurse for safeguarding")
    page.get_by_label("Agency lead").check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status").first).to_contain_text("Invitation sent to nadia.osei@canary.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nadia Osei")
    expect(page.get_by_role("status").nth(1)).to_contain_text("They have not set a password yet")
    assert_accessible(page)

    assert len(mailoutbox) == 1
    link = re.search(r"http://\S+/accounts/invitation/\S+/", mailoutbox[0].body).group(0)

    # The lead opens the link on a phone.
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    lead = phone.new_page()
    lead.set_default_timeout(30_000)
    lead.goto(link)
    expect(lead.get_by_role("heading", level=1)).to_have_text("Choose your password")
    expect(lead.get_by_text("nadia.osei@canary.example")).to_be_visible()
    _fits_and_accessible(lead)
    # A password that breaks the rules is refused with the reason.
    _choose_password(lead, "short")
    expect(lead.get_by_role("alert").first).to_contain_text("Please correct the problems marked below")
    expect(lead.get_by_text("This password is too short")).to_be_visible()
    _fits_and_accessible(lead)
    _choose_password(lead, "plum-orchard-lantern-42")
    expect(lead.get_by_role("heading", level=1)).to_contain_text("Welcome, Nadia")
    expect(lead.get_by_role("status").first).to_contain_text("Your password is set")
    _fits_and_accessible(lead)

    # Their first return: Section 11, from the menu behind the phone's menu button.
    lead.get_by_role("button", name="Show navigation").click()
    lead.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("Section 11")).click()
    expect(lead.get_by_role("button", name="Start your return")).to_be_visible()
    _fits_and_accessible(lead)
    lead.get_by_role("button", name="Start your return").click()
    expect(lead.get_by_role("heading", level=1)).to_contain_text("Section 11 return")
    _fits_and_accessible(lead)
    lead.get_by_role("link", name="Edit standard 1").click()
    expect(lead.get_by_label("Self-rating for this standard")).to_be_visible()
    _fits_and_accessible(lead)
    lead.get_by_label("Self-rating for this standard").select_option(label="Fully met")
    lead.get_by_label("Narrative evidence").fill("Our chief nurse chairs the safeguarding committee.")
    lead.get_by_role("button", name="Save standard 1").click()
    expect(lead.get_by_role("status").first).to_contain_text("Standard 1 saved.")
    _fits_and_accessible(lead)

    # The link worked once: opened again, it says so.
    lead.goto(link)
    expect(lead.get_by_role("alert")).to_contain_text("This invitation link has already been used")
    _fits(lead)
    phone.close()
