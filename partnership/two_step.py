"""Two-step sign-in: who may enrol, backup codes, and the business unit's reset.

The rules that keep an account from being taken over with a password alone:
- A session that has not entered a second-step code may enrol an authenticator only while the
  person has no confirmed one (`may_enrol`). Adding or replacing one needs a code from a
  confirmed device in the same session (django-otp's `is_verified`).
- Enrolling never deletes a confirmed device. A person removes an old authenticator themselves,
  from a verified session, and never their last one while their role requires two steps.
- Recovery is by ten single-use backup codes (django-otp's static device), shown once and stored
  only as a keyed hash, or by a reset that another business-unit member makes, logged and
  e-mailed to the person.
"""

import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.access import BUSINESS_UNIT, CDOP, has_role, is_business_unit
from partnership.models import SecurityEvent, User
from partnership.security import log_event

BACKUP_CODE_COUNT = 10
#: Lower-case letters and digits that cannot be mistaken for one another (no 0/o, 1/l/i).
BACKUP_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
BACKUP_CODE_LENGTH = 10
BACKUP_DEVICE_NAME = "Backup codes"


def requires_two_factor(user) -> bool:
    return user.is_staff or user.is_superuser or has_role(user, BUSINESS_UNIT, CDOP)


# --- backup codes: pure -----------------------------------------------------------------------


def new_backup_code() -> str:
    """A random code shown to the person as two groups of five: 'abcde-fghjk'."""
    raw = "".join(secrets.choice(BACKUP_CODE_ALPHABET) for _ in range(BACKUP_CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise_backup_code(text: str) -> str:
    """What the person typed, without spaces, hyphens or capitals."""
    return "".join(ch for ch in (text or "").lower() if ch.isalnum())


def looks_like_backup_code(text: str) -> bool:
    code = normalise_backup_code(text)
    return len(code) == BACKUP_CODE_LENGTH and all(ch in BACKUP_CODE_ALPHABET for ch in code)


def hash_backup_code(text: str) -> str:
    """The stored form: a keyed hash (the site's secret key), 16 hex characters.

    django-otp's static tokens hold at most 16 characters; 64 bits of an HMAC of a 50-bit random
    code cannot be turned back into the code without the key, and a database copy alone is useless.
    """
    return salted_hmac("partnership.two_step.backup_code", normalise_backup_code(text), algorithm="sha256").hexdigest()[
        :16
    ]


# --- devices ------------------------------------------------------------------------------------


def confirmed_authenticators(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")


def has_confirmed_authenticator(user) -> bool:
    return confirmed_authenticators(user).exists()


def may_enrol(user, *, verified: bool) -> bool:
    """Only a verified session, or a person with no authenticator yet, may enrol one."""
    return verified or not has_confirmed_authenticator(user)


def pending_authenticator(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (one per person), created when first needed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def confirm_authenticator(*, user, device: TOTPDevice, verified: bool, request=None) -> list[str]:
    """Confirm an enrolment whose code was checked. Returns new backup codes (empty if kept)."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied("This is not an authenticator you are setting up.")
    if not may_enrol(user, verified=verified):
        raise PermissionDenied("Enter a code from your current authenticator app first.")
    first = not has_confirmed_authenticator(user)
    device.confirmed = True
    if not first:
        device.name = f"Authenticator app {confirmed_authenticators(user).count() + 1}"
    device.save(update_fields=["confirmed", "name"])
    log_event(
        request,
        SecurityEvent.Kind.TWO_STEP_CHANGED,
        user=user,
        detail="set up two-step sign-in" if first else "added an authenticator app",
    )
    if remaining_backup_codes(user) == 0:
        return issue_backup_codes(user=user, request=request)
    return []


@transaction.atomic
def remove_authenticator(*, user, device_id: int, verified: bool, current_persistent_id: str = "", request=None):
    if not verified:
        raise PermissionDenied("Enter a code from your authenticator app first.")
    device = confirmed_authenticators(user).filter(pk=device_id).first()
    if device is None:
        raise ValidationError("That authenticator is not one of yours.")
    if device.persistent_id == current_persistent_id:
        raise ValidationError("You signed in with this authenticator. Sign in with another one to remove it.")
    if confirmed_authenticators(user).count() == 1 and requires_two_factor(user):
        raise ValidationError("Your role needs two-step sign-in, so you cannot remove your only authenticator.")
    device.delete()
    log_event(request, SecurityEvent.Kind.TWO_STEP_CHANGED, user=user, detail="removed an authenticator app")


# --- backup codes: stored ---------------------------------------------------------------------


def remaining_backup_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def issue_backup_codes(*, user, request=None) -> list[str]:
    """Replace the person's backup codes with ten new ones; only their hashes are kept."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes: set[str] = set()
    while len(codes) < BACKUP_CODE_COUNT:
        codes.add(new_backup_code())
    ordered = sorted(codes)
    StaticToken.objects.bulk_create([StaticToken(device=device, token=hash_backup_code(c)) for c in ordered])
    log_event(request, SecurityEvent.Kind.TWO_STEP_CHANGED, user=user, detail="new backup codes issued")
    return ordered


def use_backup_code(*, user, text: str, request=None) -> StaticDevice | None:
    """The backup-code device if `text` is one of the person's unused codes (then spent)."""
    if not looks_like_backup_code(text):
        return None
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not device.verify_token(hash_backup_code(text)):
        return None
    log_event(
        request,
        SecurityEvent.Kind.TWO_STEP_CHANGED,
        user=user,
        detail=f"signed in with a backup code ({remaining_backup_codes(user)} left)",
    )
    return device


# --- the business unit's reset ----------------------------------------------------------------


@transaction.atomic
def reset_two_step(*, person: User, by: User, request=None) -> None:
    """Remove every authenticator and backup code of another person, log it and tell them."""
    if not is_business_unit(by):
        raise PermissionDenied("Only the business unit can reset two-step sign-in.")
    if person.pk == by.pk:
        raise ValidationError(
            "You cannot reset your own two-step sign-in. Use a backup code, or ask another member of the business unit."
        )
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    log_event(
        request,
        SecurityEvent.Kind.TWO_STEP_RESET,
        user=by,
        subject=person,
        detail=f"reset two-step sign-in of {person.username}",
    )
    if person.email:
        name = getattr(settings, "PARTNERSHIP_NAME", "the partnership")
        transaction.on_commit(
            lambda: send_mail(
                subject="Your two-step sign-in was reset",
                message=(
                    f"Hello {person.get_full_name() or person.username},\n\n"
                    f"{by.get_full_name() or by.username} of the business unit reset two-step sign-in for "
                    f"your account on the {name} portal. Next time you sign in you will be asked to set up "
                    "your authenticator app again.\n\n"
                    "If you did not ask for this, tell the business unit at once."
                ),
                from_email=None,
                recipient_list=[person.email],
            )
        )
