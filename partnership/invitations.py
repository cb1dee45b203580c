"""Invitation links: a new person sets their own password through a signed, one-time link.

The link carries the person's id and a fingerprint of their account (password, last sign-in,
latest invitation, active), signed with a timestamp (django.core.signing). It stops working
when it is older than settings.INVITATION_DAYS, when the password has been set (so it works
once), when a newer invitation replaces it, and when the account is deactivated.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "partnership.invitation"


class LinkState:
    OK = "ok"
    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"


#: What the person reads when a link is refused: what happened and what to do.
REFUSALS = {
    LinkState.INVALID: (
        "This invitation link is not valid. Check that you used the whole link from the e-mail, "
        "or ask the business unit to send you a new one."
    ),
    LinkState.EXPIRED: (
        "This invitation link has expired: links work for {days} days. Ask the business unit to send you a new one."
    ),
    LinkState.USED: (
        "This invitation link has already been used, or a newer one has replaced it. "
        "If you have set your password, sign in. If not, ask the business unit to send you a new link."
    ),
}


@dataclass(frozen=True)
class LinkCheck:
    state: str
    person: object = None

    @property
    def ok(self) -> bool:
        return self.state == LinkState.OK

    @property
    def message(self) -> str:
        return REFUSALS.get(self.state, "").format(days=settings.INVITATION_DAYS)


def _fingerprint(person) -> str:
    # Setting the password, signing in, a new invitation or deactivation all change it.
    invited = person.invited_at.isoformat() if person.invited_at else ""
    last_login = person.last_login.isoformat() if person.last_login else ""
    value = f"{person.pk}|{person.password}|{last_login}|{invited}|{person.is_active}"
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:20]


def make_token(person) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"u": person.pk, "f": _fingerprint(person)})


def check_token(token: str) -> LinkCheck:
    """What a link is worth now: ok (with the person), invalid, expired or used."""
    from partnership.models import User

    signer = signing.TimestampSigner(salt=SALT)
    try:
        payload = signer.unsign_object(token)
    except signing.BadSignature:
        return LinkCheck(LinkState.INVALID)
    person = User.objects.filter(pk=payload.get("u")).first() if isinstance(payload, dict) else None
    if person is None:
        return LinkCheck(LinkState.INVALID)
    if not person.is_active or not constant_time_compare(payload.get("f", ""), _fingerprint(person)):
        return LinkCheck(LinkState.USED, person)
    try:
        signer.unsign_object(token, max_age=settings.INVITATION_DAYS * 24 * 3600)
    except signing.SignatureExpired:
        return LinkCheck(LinkState.EXPIRED, person)
    return LinkCheck(LinkState.OK, person)


def is_pending(person) -> bool:
    """Invited and not yet accepted: no password of their own and never signed in."""
    return person.invited_at is not None and not person.has_usable_password() and person.last_login is None
