"""Two-factor sign-in: required for the business unit, CDOP members and admin users."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture(autouse=True)
def _enforce(settings):
    settings.OTP_REQUIRED = True


def code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.parametrize("key", ["bu", "cdop"])
def test_it_sends_required_roles_to_set_up_a_second_factor(world, client_for, key):
    client = client_for(world.user(key))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))


@pytest.mark.parametrize("key", ["paqa", "lead", "board", "contributor"])
def test_it_leaves_it_optional_for_other_roles(world, client_for, key):
    assert client_for(world.user(key)).get(reverse("home")).status_code == 200


def test_setting_up_needs_a_correct_code(world, client_for):
    client = client_for(world.user("bu"))
    page = client.get(reverse("two_factor_setup"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=world.user("bu"))
    bad = client.post(reverse("two_factor_setup"), {"token": "000000" if code(device) != "000000" else "111111"})
    assert "That code was not accepted" in bad.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    # A failure throttles the device for a moment (django-otp), as it should against guessing.
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=5), tick=False):
        good = client.post(reverse("two_factor_setup"), {"token": code(device), "next": "/partnership/"})
    assert good.status_code == 302 and good["Location"] == "/partnership/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(reverse("home")).status_code == 200


def test_a_confirmed_device_is_asked_for_at_each_sign_in(world, client_for):
    device = TOTPDevice.objects.create(user=world.user("cdop"), name="app", confirmed=True)
    client = client_for(world.user("cdop"))
    response = client.get(reverse("cdop:index"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    wrong = client.post(reverse("two_factor_verify"), {"token": "12", "next": "/cdop/"})
    assert wrong.status_code == 200 and "Ensure this value has at least 6 characters" in wrong.content.decode()
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=5), tick=False):
        ok = client.post(reverse("two_factor_verify"), {"token": code(device), "next": "/cdop/"})
    assert ok["Location"] == "/cdop/"
    assert client.get(reverse("cdop:index")).status_code == 200


def test_the_next_parameter_cannot_send_people_elsewhere(world, client_for):
    device = TOTPDevice.objects.create(user=world.user("bu"), name="app", confirmed=True)
    client = client_for(world.user("bu"))
    ok = client.post(reverse("two_factor_verify"), {"token": code(device), "next": "https://evil.example/"})
    assert ok["Location"] == reverse("home")


def test_admin_needs_the_second_factor_too(world, client_for):
    response = client_for(world.user("bu")).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
