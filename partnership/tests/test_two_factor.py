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
    # The first enrolment shows the backup codes once, then carries on to where the person was going.
    assert good.status_code == 302 and good["Location"] == f"{reverse('two_factor_backup_codes')}?next=/partnership/"
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


# --- a password alone cannot take over an account that has a second step (issue: takeover) ---

ENROLMENT_URLS = ["two_factor_setup", "two_factor_backup_codes"]


def _confirmed(user):
    return TOTPDevice.objects.create(user=user, name="Owner's phone", confirmed=True)


@pytest.mark.parametrize("key", ["cdop", "bu", "paqa"])
@pytest.mark.parametrize("name", ENROLMENT_URLS)
def test_a_password_only_session_cannot_enrol_over_a_confirmed_device(world, client_for, key, name):
    user = world.user(key)
    owner_device = _confirmed(user)
    client = client_for(user)  # signed in with a password, no second step in this session
    for response in (client.get(reverse(name)), client.post(reverse(name), {"token": "123456"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor_verify"))
    # No secret was handed out and nothing was confirmed or deleted.
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", "confirmed")) == [(owner_device.pk, True)]
    from django_otp.plugins.otp_static.models import StaticToken

    assert not StaticToken.objects.filter(device__user=user).exists()


def test_the_attack_from_the_report_fails_end_to_end(world, client_for):
    """Password-only session: open setup, confirm a code from a fresh secret, reach /cdop/. Must all fail."""
    user = world.user("cdop")
    owner_device = _confirmed(user)
    client = client_for(user)
    setup_page = client.get(reverse("two_factor_setup"))
    assert setup_page.status_code == 302 and b"<svg" not in setup_page.content
    # Even a pending device planted in the database cannot be confirmed from this session.
    planted = TOTPDevice.objects.create(user=user, name="attacker", confirmed=False)
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=5), tick=False):
        client.post(reverse("two_factor_setup"), {"token": code(planted)})
    assert not TOTPDevice.objects.get(pk=planted.pk).confirmed
    cdop = client.get(reverse("cdop:index"))
    assert cdop.status_code == 302 and cdop["Location"].startswith(reverse("two_factor_verify"))
    assert TOTPDevice.objects.filter(pk=owner_device.pk, confirmed=True).exists()


def test_removing_a_device_needs_a_verified_session(world, client_for):
    user = world.user("bu")
    first, second = _confirmed(user), _confirmed(user)
    client = client_for(user)
    response = client.post(reverse("two_factor_remove_device", args=[first.pk]))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert TOTPDevice.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


def _verify(client, device, next_url="/"):
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=31), tick=False):
        return client.post(reverse("two_factor_verify"), {"token": code(device), "next": next_url})


def test_a_verified_session_can_replace_its_device(world, client_for):
    from partnership import two_step

    user = world.user("cdop")
    old = _confirmed(user)
    kept_codes = two_step.issue_backup_codes(user=user)
    client = client_for(user)
    assert _verify(client, old)["Location"] == "/"
    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200 and "Owner&#x27;s phone" in page.content.decode()
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=62), tick=False):
        added = client.post(reverse("two_factor_setup"), {"token": code(new), "next": "/cdop/"})
    assert added["Location"] == "/cdop/"
    # Enrolment added the new app and left the old one alone...
    assert set(TOTPDevice.objects.filter(user=user, confirmed=True).values_list("pk", flat=True)) == {old.pk, new.pk}
    # The person's backup codes are kept (they were not shown new ones).
    assert two_step.remaining_backup_codes(user) == len(kept_codes) == 10
    # ...which the person then removes themselves (the session is now verified with the new one).
    removed = client.post(reverse("two_factor_remove_device", args=[old.pk]))
    assert removed["Location"] == reverse("two_factor_setup")
    assert list(TOTPDevice.objects.filter(user=user, confirmed=True).values_list("pk", flat=True)) == [new.pk]
    assert client.get(reverse("cdop:index")).status_code == 200


def test_the_only_authenticator_of_a_required_role_cannot_be_removed(world, client_for):
    user = world.user("cdop")
    only_one = _confirmed(user)
    other = _confirmed(user)
    client = client_for(user)
    _verify(client, other)
    other.delete()  # as if removed elsewhere; the session is no longer verified by it
    client.logout()
    client.force_login(user)
    _verify(client, only_one)
    client.post(reverse("two_factor_remove_device", args=[only_one.pk]))
    assert TOTPDevice.objects.filter(pk=only_one.pk).exists()


def test_first_enrolment_shows_ten_backup_codes_once_and_stores_only_hashes(world, client_for):
    from django_otp.plugins.otp_static.models import StaticToken

    user = world.user("bu")
    client = client_for(user)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=5), tick=False):
        done = client.post(reverse("two_factor_setup"), {"token": code(device), "next": "/partnership/"})
    assert done["Location"].startswith(reverse("two_factor_backup_codes"))
    page = client.get(done["Location"]).content.decode()
    import re

    codes = re.findall(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>", page)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(stored) == 10
    assert not stored & {c for c in codes} and not stored & {c.replace("-", "") for c in codes}
    # Shown once: a second visit shows how many are left, not the codes.
    again = client.get(reverse("two_factor_backup_codes")).content.decode()
    assert codes[0] not in again and "10</strong> backup codes left" in again


def test_a_backup_code_works_once(world, client_for):
    from partnership import two_step

    user = world.user("cdop")
    _confirmed(user)
    codes = two_step.issue_backup_codes(user=user)
    client = client_for(user)
    ok = client.post(reverse("two_factor_verify"), {"token": codes[3].upper(), "next": "/cdop/"})
    assert ok["Location"] == "/cdop/"
    assert client.get(reverse("cdop:index")).status_code == 200
    assert two_step.remaining_backup_codes(user) == 9
    client.logout()
    client.force_login(user)  # a new password-only session
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=5), tick=False):
        again = client.post(reverse("two_factor_verify"), {"token": codes[3], "next": "/cdop/"})
    assert again.status_code == 200 and "That code was not accepted" in again.content.decode()
    assert client.get(reverse("cdop:index"))["Location"].startswith(reverse("two_factor_verify"))


def test_the_business_unit_resets_another_persons_two_step_logged_and_emailed(
    world, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    from django_otp.plugins.otp_static.models import StaticDevice

    from partnership import two_step
    from partnership.models import SecurityEvent

    person = world.user("cdop")
    person.email = "cdop.member@example.org"
    person.save()
    _confirmed(person)
    two_step.issue_backup_codes(user=person)
    bu = world.user("bu")
    bu_device = _confirmed(bu)
    client = client_for(bu)
    _verify(client, bu_device)
    page = client.get(reverse("partnership:two_step_reset", args=[person.pk]))
    assert page.status_code == 200 and "Reset two-step sign-in" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("partnership:two_step_reset", args=[person.pk]))
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not StaticDevice.objects.filter(user=person).exists()
    event = SecurityEvent.objects.get(kind="two_step_reset")
    assert event.user == bu and person.username in event.detail
    assert [m.to for m in mailoutbox] == [["cdop.member@example.org"]]
    assert "reset two-step sign-in" in mailoutbox[0].body


def test_the_business_unit_cannot_reset_its_own(world, client_for):
    from partnership.models import SecurityEvent

    bu = world.user("bu")
    device = _confirmed(bu)
    client = client_for(bu)
    _verify(client, device)
    response = client.post(reverse("partnership:two_step_reset", args=[bu.pk]), follow=True)
    assert response.status_code == 200
    assert "You cannot reset your own two-step sign-in" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not SecurityEvent.objects.filter(kind="two_step_reset").exists()


@pytest.mark.parametrize("key", ["paqa", "lead", "board", "cdop", "ssm"])
def test_other_roles_cannot_reset(world, client_for, key):
    victim = world.user("contributor")
    device = _confirmed(victim)
    settings_off = client_for(world.user(key))
    assert settings_off.post(reverse("partnership:two_step_reset", args=[victim.pk])).status_code in (302, 403)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
