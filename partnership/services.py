"""Writes for people and access: atomic, logged in the security log in the same transaction."""

from django.db import transaction
from django.utils import timezone

from partnership.models import SecurityEvent, User
from partnership.security import log_event


@transaction.atomic
def user_end_sessions(*, user: User, by: User, request=None) -> None:
    """End every session the user has now; they must sign in again."""
    user.sessions_revoked_at = timezone.now()
    user.save(update_fields=["sessions_revoked_at"])
    log_event(request, SecurityEvent.Kind.SESSIONS_ENDED, user=by, detail=f"ended all sessions of {user.username}")


@transaction.atomic
def user_disable(*, user: User, by: User, request=None) -> None:
    """Disable an account: its sessions stop working at once (inactive users are not authenticated)."""
    user.is_active = False
    user.sessions_revoked_at = timezone.now()
    user.save(update_fields=["is_active", "sessions_revoked_at"])
    log_event(request, SecurityEvent.Kind.ACCOUNT_DISABLED, user=by, detail=f"disabled {user.username}")


@transaction.atomic
def security_log_prune(*, before) -> int:
    """Delete security-log rows and login attempts (usernames and addresses) dated before `before`."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    count = SecurityEvent.objects.filter(at__date__lt=before).exclude(kind=SecurityEvent.Kind.RETENTION).delete()[0]
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        count += model.objects.filter(attempt_time__date__lt=before).delete()[0]
    return count
