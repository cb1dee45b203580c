"""Security controls of the foundation: headers, sessions, the security log."""

import time

import time_machine
from django.urls import reverse
from django.utils import timezone

from partnership import services
from partnership.middleware import SESSION_STARTED_KEY
from partnership.models import SecurityEvent


def test_every_page_sends_the_security_headers(world, client_for):
    response = client_for(world.user("lead")).get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_scripts(world, client_for):
    page = client_for(world.user("bu")).get(reverse("home")).content.decode()
    for chunk in page.split("<script")[1:]:
        assert chunk.lstrip().startswith(("src=", 'type="application/json"', "id=")), chunk[:80]


def test_the_session_expires_after_30_minutes_idle(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_the_session_ends_after_12_hours_whatever_the_activity(world, client_for, settings):
    client = client_for(world.user("lead"))
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_disabling_an_account_ends_its_sessions_at_once(world, client_for):
    client = client_for(world.user("lead"))
    assert client.get(reverse("home")).status_code == 200
    services.user_disable(user=world.user("lead"), by=world.user("bu"))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert SecurityEvent.objects.filter(kind="account_disabled", detail__contains="w-lead").exists()


def test_the_business_unit_can_end_a_users_sessions(world, client_for):
    client = client_for(world.user("lead"))
    assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=2)):
        services.user_end_sessions(user=world.user("lead"), by=world.user("bu"))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    # Signing in again works.
    client.force_login(world.user("lead"))
    assert client.get(reverse("home")).status_code == 200


def test_ending_sessions_through_the_admin(world, client_for):
    client = client_for(world.user("bu"))
    response = client.post(
        reverse("admin:partnership_user_changelist"),
        {"action": "end_sessions", "_selected_action": [world.user("lead").pk]},
    )
    assert response.status_code == 302
    world.user("lead").refresh_from_db()
    assert world.user("lead").sessions_revoked_at is not None
    assert SecurityEvent.objects.filter(kind="sessions_ended").exists()


def test_a_refusal_is_logged(world, client_for):
    client_for(world.user("lead")).get(reverse("partnership:agency_detail", args=[world.other.pk]))
    client_for(world.user("lead")).get(reverse("partnership:security_log"))
    kinds = list(SecurityEvent.objects.filter(user=world.user("lead"), kind="refused").values_list("path", flat=True))
    assert reverse("partnership:agency_detail", args=[world.other.pk]) in kinds
    assert reverse("partnership:security_log") in kinds


def test_the_business_unit_searches_and_exports_the_security_log(world, client_for):
    client_for(world.user("lead")).get(reverse("partnership:security_log"))  # a refusal to find
    client = client_for(world.user("bu"))
    page = client.get(reverse("partnership:security_log"), {"q": "w-lead", "kind": "refused"}).content.decode()
    assert "w-lead" in page and "Permission refused" in page
    export = client.get(reverse("partnership:security_log_export"), {"q": "w-lead"})
    assert export["Content-Disposition"] == 'attachment; filename="security-log.csv"'
    body = export.getvalue().decode("utf-8-sig")
    assert body.splitlines()[0] == "Time (UTC),Kind,Username,For whom,IP address,Path,Detail"
    assert "refused,w-lead," in body
    assert SecurityEvent.objects.filter(kind="export", user=world.user("bu")).exists()


def test_the_security_log_cannot_be_edited_in_the_admin(world, client_for):
    event = SecurityEvent.objects.create(kind="login", username="x")
    client = client_for(world.user("bu"))
    assert client.get(reverse("admin:partnership_securityevent_change", args=[event.pk])).status_code == 200
    client.post(reverse("admin:partnership_securityevent_change", args=[event.pk]), {"username": "changed"})
    event.refresh_from_db()
    assert event.username == "x"
    assert (
        client.post(reverse("admin:partnership_securityevent_delete", args=[event.pk]), {"post": "yes"}).status_code
        == 403
    )
