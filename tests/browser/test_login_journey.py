"""Each role signs in through the real login form and sees its own home page (with axe)."""

import pytest
from playwright.sync_api import expect

from conftest import ROLE_USERS
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_is_accessible(page, live_server):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert_accessible(page)


def test_wrong_password_gets_a_clear_message(page, live_server, world):
    sign_in(page, live_server, "w-lead", "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("username or password was not recognised")
    expect(page.get_by_label("Username")).to_have_value("w-lead")
    assert_accessible(page)


@pytest.mark.parametrize("key", list(ROLE_USERS))
def test_each_role_signs_in_and_sees_its_home_page(page, live_server, world, key):
    user = world.user(key)
    sign_in(page, live_server, user.username)
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Welcome, {user.first_name}")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Home", exact=True)).to_be_visible()
    page.get_by_role("button", name=f"Account: {user.get_full_name()}").click()
    admin_link = page.get_by_role("link", name="Administration")
    if key == "bu":
        expect(admin_link).to_be_visible()
    else:
        expect(admin_link).to_have_count(0)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page)


def test_the_business_unit_signs_in_with_a_second_step(page, live_server, world, settings):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.OTP_REQUIRED = True
    device = TOTPDevice.objects.create(user=world.user("bu"), name="app", confirmed=True)
    sign_in(page, live_server, world.user("bu").username)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Six-digit code from your authenticator app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def test_a_new_cdop_member_sets_up_the_second_step(page, live_server, world, settings):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.OTP_REQUIRED = True
    sign_in(page, live_server, world.user("cdop").username)
    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=world.user("cdop"))
    page.get_by_label("Six-digit code from your authenticator app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status").first).to_contain_text("Two-step sign-in is set up")
    # The ten backup codes are shown once, straight after enrolment.
    expect(page.get_by_role("heading", name="Backup codes")).to_be_visible()
    expect(page.get_by_role("list", name="Your backup codes").get_by_role("listitem")).to_have_count(10)
    assert_accessible(page)
