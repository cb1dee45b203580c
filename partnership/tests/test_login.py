"""Wrong logins get a clear message; repeated failures are throttled and logged."""

from django.urls import reverse

from partnership.models import SecurityEvent
from partnership.tests.factories import PASSWORD


def attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.0.0.9")


def test_a_wrong_password_gets_a_clear_message_and_keeps_the_username(world, client):
    response = attempt(client, "w-lead", "wrong")
    assert response.status_code == 200
    page = response.content.decode()
    assert "username or password was not recognised" in page
    assert 'value="w-lead"' in page


def test_a_good_login_goes_home_and_is_logged(world, client):
    response = attempt(client, "w-lead", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert SecurityEvent.objects.filter(kind="login", username="w-lead").exists()


def test_repeated_failures_lock_the_account_out_from_that_address(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "w-lead", "wrong")
    response = attempt(client, "w-lead", PASSWORD)  # even the right password is refused now
    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()
    assert SecurityEvent.objects.filter(kind="login_failed", username="w-lead").count() >= settings.AXES_FAILURE_LIMIT
    assert SecurityEvent.objects.filter(kind="lockout", username="w-lead").exists()


def test_failed_logins_are_logged_with_the_address(world, client):
    attempt(client, "nobody", "wrong")
    event = SecurityEvent.objects.get(kind="login_failed")
    assert event.username == "nobody"
    assert event.ip_address == "10.0.0.9"


def test_garbage_input_never_answers_500(world, client):
    for data in [{}, {"username": "x" * 10000, "password": ""}, {"username": "\x00", "password": "\u202e"}]:
        assert client.post(reverse("login"), data).status_code in (200, 429)
