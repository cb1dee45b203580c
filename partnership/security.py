"""The security log: logins, refusals, exports and CDOP case views (separate from history)."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from partnership.access import refused


def client_ip(request) -> str | None:
    # Behind the proxy in production, REMOTE_ADDR is set from X-Forwarded-For by gunicorn's
    # forwarded_allow_ips; trusting the header here would let clients forge their address.
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_event(request, kind: str, *, user=None, username: str = "", detail: str = "", subject=None) -> None:
    """Write one security log row; `subject` is the person a change was made to (for whom)."""
    from partnership.models import SecurityEvent

    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    SecurityEvent.objects.create(
        kind=kind,
        user=user,
        username=username or (user.get_username() if user else ""),
        ip_address=client_ip(request) if request is not None else None,
        path=(request.get_full_path()[:500] if request is not None else ""),
        detail=detail[:500],
        subject=subject,
        subject_username=subject.get_username() if subject is not None else "",
    )


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    from partnership.models import UserSession

    log_event(request, "login", user=user)
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.update_or_create(session_key=key, defaults={"user": user})


@receiver(user_logged_out)
def _on_logout(sender, request, user, **kwargs):
    from partnership.models import UserSession

    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()
    if user is not None:
        log_event(request, "logout", user=user)


@receiver(user_locked_out)
def _on_lockout(sender, request, username=None, ip_address=None, **kwargs):
    log_event(request, "lockout", user=None, username=str(username or "")[:150])


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs):
    log_event(request, "login_failed", user=None, username=str(credentials.get("username", ""))[:150])


@receiver(refused)
def _on_refused(sender, request, detail: str, **kwargs):
    log_event(request, "refused", detail=detail)
