"""Writes for people and access: atomic, logged in the security log in the same transaction.

Every account, role and seat change names who made it, for whom and, where the portal asks
for one, why (the reason goes in the log's detail and in the record's history)."""

from importlib import import_module

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from partnership import invitations
from partnership.access import BUSINESS_UNIT, is_business_unit
from partnership.models import Agency, Membership, Role, RoleAssignment, SecurityEvent, SubCommittee, User, UserSession
from partnership.security import log_event

Kind = SecurityEvent.Kind
MEMBER, CHAIR_SEAT = "member", "chair"


def _name(person: User) -> str:
    return person.get_full_name() or person.username


def _require_business_unit(by: User) -> None:
    if not is_business_unit(by):
        raise PermissionDenied("Only the business unit manages people and access.")


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why (for example, 'joined the PAQA sub-committee')."})
    return reason


def _delete_sessions(user: User) -> int:
    """Delete every session the person signed in with from the session store, whatever keeps it."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


@transaction.atomic
def user_end_sessions(*, user: User, by: User, request=None) -> None:
    """End every session the user has now; they must sign in again."""
    user.sessions_revoked_at = timezone.now()
    user.save(update_fields=["sessions_revoked_at"])
    _delete_sessions(user)
    log_event(request, Kind.SESSIONS_ENDED, user=by, subject=user, detail=f"ended all sessions of {user.username}")


@transaction.atomic
def user_disable(*, user: User, by: User, request=None, reason: str = "") -> None:
    """Disable an account: its sessions are deleted and the person cannot sign in; records stay."""
    user.is_active = False
    user.sessions_revoked_at = timezone.now()
    user.save(update_fields=["is_active", "sessions_revoked_at"])
    ended = _delete_sessions(user)
    detail = f"disabled {user.username}" + (f": {reason}" if reason else "")
    log_event(request, Kind.ACCOUNT_DISABLED, user=by, subject=user, detail=f"{detail} ({ended} sessions ended)")


# --- people -----------------------------------------------------------------------------------


def _email_taken(email: str, *, other_than: User | None = None) -> bool:
    people = User.objects.filter(email__iexact=email)
    if other_than is not None:
        people = people.exclude(pk=other_than.pk)
    return (
        people.exists()
        or User.objects.filter(username__iexact=email).exclude(pk=getattr(other_than, "pk", None)).exists()
    )


def _send_invitation(person: User, by: User, request=None) -> None:
    path = reverse("invitation_accept", kwargs={"token": invitations.make_token(person)})
    link = request.build_absolute_uri(path) if request is not None else settings.PORTAL_BASE_URL.rstrip("/") + path
    name = getattr(settings, "PARTNERSHIP_NAME", "the Safeguarding Children Partnership")
    message = (
        f"Hello {person.first_name or _name(person)},\n\n"
        f"{_name(by)} of the business unit has given you an account on the {name} performance portal"
        f"{f' for {person.agency.name}' if person.agency else ''}.\n\n"
        f"Open this link to choose your password. It works once, for {settings.INVITATION_DAYS} days:\n\n"
        f"{link}\n\n"
        f"Your username is {person.username}.\n\n"
        "If you were not expecting this, tell the business unit and do not open the link."
    )
    transaction.on_commit(
        lambda: send_mail(
            subject="Your account on the partnership portal",
            message=message,
            from_email=None,
            recipient_list=[person.email],
        )
    )


@transaction.atomic
def person_invite(
    *,
    by: User,
    agency: Agency,
    first_name: str,
    last_name: str,
    email: str,
    job_title: str = "",
    roles: list[str] | tuple[str, ...] = (),
    request=None,
) -> User:
    """Create an account with no password and e-mail the person a one-time link to set one."""
    _require_business_unit(by)
    email = email.strip().lower()
    if agency is None or not agency.active:
        raise ValidationError({"agency": "Choose the person's agency (an active one)."})
    if _email_taken(email):
        raise ValidationError({"email": f"Someone already has an account with {email}. Find them in the people list."})
    person = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        job_title=job_title.strip(),
        agency=agency,
        invited_at=timezone.now(),
        is_staff=False,
        is_superuser=False,
    )
    person.set_unusable_password()
    person.save()
    log_event(
        request,
        Kind.INVITED,
        user=by,
        subject=person,
        detail=f"invited {email} at {agency.name}; link valid {settings.INVITATION_DAYS} days",
    )
    for role in roles:
        RoleAssignment.objects.create(user=person, role=role)
        log_event(request, Kind.ROLE_ADDED, user=by, subject=person, detail=f"{Role(role).label}: given on invitation")
    _send_invitation(person, by, request)
    return person


@transaction.atomic
def invitation_send_again(*, person: User, by: User, request=None) -> User:
    """A new link for someone who has not set their password yet; older links stop working."""
    _require_business_unit(by)
    if person.has_usable_password() or person.last_login is not None:
        raise ValidationError(f"{_name(person)} has already set a password, so they need no invitation.")
    if not person.is_active:
        raise ValidationError(f"{_name(person)}'s account is deactivated. Reactivate it first.")
    person.invited_at = timezone.now()
    person.save(update_fields=["invited_at"])
    log_event(request, Kind.INVITED, user=by, subject=person, detail=f"sent a new invitation link to {person.email}")
    _send_invitation(person, by, request)
    return person


@transaction.atomic
def invitation_accept(*, token: str, password: str, request=None) -> User:
    """Set the invited person's password; the link stops working at once."""
    check = invitations.check_token(token)
    if not check.ok:
        raise ValidationError(check.message)
    person = check.person
    person.set_password(password)
    person.save(update_fields=["password"])
    log_event(
        request, Kind.INVITATION_ACCEPTED, user=person, subject=person, detail="set a password from the invitation"
    )
    return person


def _changes(person: User, values: dict) -> list[str]:
    labels = {"first_name": "first name", "last_name": "last name", "email": "e-mail address", "job_title": "job title"}
    changed = []
    for field, value in values.items():
        old = getattr(person, field)
        if old != value:
            if field == "agency":
                changed.append(f"agency {old} to {value}")
            else:
                changed.append(labels.get(field, field))
    return changed


@transaction.atomic
def person_update(
    *,
    person: User,
    by: User,
    first_name: str,
    last_name: str,
    email: str,
    job_title: str = "",
    agency: Agency | None = None,
    request=None,
) -> User:
    """Change a person's details: their own (not their agency), or anyone's by the business unit."""
    if person.pk != by.pk:
        _require_business_unit(by)
    values = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "email": email.strip().lower(),
        "job_title": job_title.strip(),
    }
    if agency is not None and agency.pk != person.agency_id:
        _require_business_unit(by)
        values["agency"] = agency
    if _email_taken(values["email"], other_than=person):
        raise ValidationError({"email": "Someone else has an account with this e-mail address."})
    changed = _changes(person, values)
    if not changed:
        return person
    for field, value in values.items():
        setattr(person, field, value)
    person.save()
    who = "own details" if person.pk == by.pk else f"details of {person.username}"
    log_event(request, Kind.DETAILS_CHANGED, user=by, subject=person, detail=f"changed {who}: {', '.join(changed)}")
    return person


def seats_of(person: User) -> dict[int, str]:
    """{sub-committee id: "member" or "chair"} for the person's seats."""
    return {
        m.subcommittee_id: CHAIR_SEAT if m.is_chair else MEMBER
        for m in Membership.objects.filter(user=person).only("subcommittee_id", "is_chair")
    }


@transaction.atomic
def person_access_change(
    *, person: User, by: User, roles: set[str], seats: dict[int, str], reason: str, request=None
) -> list[str]:
    """Give and take away roles and sub-committee seats, each logged with the reason.

    `seats` maps a sub-committee id to "member", "chair" or "" (no seat). Returns what changed."""
    _require_business_unit(by)
    reason = _require_reason(reason)
    roles = set(roles)
    current = set(person.role_assignments.values_list("role", flat=True))
    if person.pk == by.pk and BUSINESS_UNIT in current and BUSINESS_UNIT not in roles:
        raise ValidationError(
            {"roles": "You cannot take away your own business unit role. Ask another member of the business unit."}
        )
    done: list[str] = []
    for role in sorted(roles - current):
        assignment = RoleAssignment(user=person, role=role)
        assignment._change_reason = reason
        assignment.save()
        done.append(f"given {Role(role).label}")
        log_event(request, Kind.ROLE_ADDED, user=by, subject=person, detail=f"{Role(role).label}: {reason}")
    for assignment in person.role_assignments.filter(role__in=current - roles):
        label = assignment.get_role_display()
        assignment._change_reason = reason
        assignment.delete()
        done.append(f"no longer {label}")
        log_event(request, Kind.ROLE_REMOVED, user=by, subject=person, detail=f"{label}: {reason}")
    held = seats_of(person)
    committees = {c.pk: c for c in SubCommittee.objects.filter(pk__in=set(seats) | set(held))}
    for pk, seat in sorted(seats.items()):
        before = held.get(pk, "")
        if seat == before or pk not in committees:
            continue
        committee = committees[pk]
        if seat:
            membership, _ = Membership.objects.get_or_create(user=person, subcommittee=committee)
            membership.is_chair = seat == CHAIR_SEAT
            membership._change_reason = reason
            membership.save()
            what = f"{'chair' if seat == CHAIR_SEAT else 'member'} of {committee.name}"
            done.append(what)
            log_event(request, Kind.SEAT_ADDED, user=by, subject=person, detail=f"{what}: {reason}")
        else:
            membership = Membership.objects.get(user=person, subcommittee=committee)
            membership._change_reason = reason
            membership.delete()
            done.append(f"left {committee.name}")
            log_event(request, Kind.SEAT_REMOVED, user=by, subject=person, detail=f"{committee.name}: {reason}")
    if not done:
        raise ValidationError("Nothing was changed: tick or untick a role, or change a seat, then save.")
    person.__dict__.pop("_portal_roles", None)
    return done


@transaction.atomic
def person_deactivate(*, person: User, by: User, reason: str, request=None) -> User:
    """A leaver: they cannot sign in and their sessions end; their records and roles stay."""
    _require_business_unit(by)
    reason = _require_reason(reason)
    if person.pk == by.pk:
        raise ValidationError("You cannot deactivate your own account. Ask another member of the business unit.")
    if not person.is_active:
        raise ValidationError(f"{_name(person)}'s account is already deactivated.")
    user_disable(user=person, by=by, request=request, reason=reason)
    return person


@transaction.atomic
def person_reactivate(*, person: User, by: User, reason: str, request=None) -> User:
    _require_business_unit(by)
    reason = _require_reason(reason)
    if person.is_active:
        raise ValidationError(f"{_name(person)}'s account is already active.")
    person.is_active = True
    person.save(update_fields=["is_active"])
    log_event(request, Kind.ACCOUNT_ENABLED, user=by, subject=person, detail=f"reactivated {person.username}: {reason}")
    return person


# --- agencies and sub-committees ---------------------------------------------------------------


def _refuse_name_taken(model, name: str, record, what: str) -> None:
    """Names are unique whatever their case: refuse a name another record of `model` has."""
    if model.objects.filter(name__iexact=name).exclude(pk=getattr(record, "pk", None)).exists():
        raise ValidationError({"name": f"There is already {what} called {name}."})


def _set_and_save(record, values: dict) -> None:
    for field, value in values.items():
        setattr(record, field, value)
    record.save()


AGENCY_FIELDS = ("name", "short_name", "kind", "statutory_partner", "s11_duty", "active")


@transaction.atomic
def agency_save(*, by: User, agency: Agency | None = None, request=None, **values) -> Agency:
    """Add an agency, or change one; logged with the fields that changed."""
    _require_business_unit(by)
    values = {k: v for k, v in values.items() if k in AGENCY_FIELDS}
    name = values.get("name", "").strip()
    _refuse_name_taken(Agency, name, agency, "an agency")
    if agency is None:
        agency = Agency.objects.create(**values)
        detail = f"added agency {agency.name}"
    else:
        changed = [Agency._meta.get_field(f).verbose_name for f, v in values.items() if getattr(agency, f) != v]
        if not changed:
            return agency
        if "active" in values and not values["active"] and agency.people.filter(is_active=True).exists():
            raise ValidationError(
                {"active": "People at this agency still have active accounts: move or deactivate them first."}
            )
        _set_and_save(agency, values)
        detail = f"changed agency {agency.name}: {', '.join(changed)}"
    log_event(request, Kind.AGENCY_CHANGED, user=by, detail=detail)
    return agency


@transaction.atomic
def subcommittee_save(
    *,
    by: User,
    name: str,
    description: str = "",
    order: int | None = None,
    active: bool | None = None,
    subcommittee: SubCommittee | None = None,
    request=None,
) -> SubCommittee:
    """Add or change a sub-committee (its name, description, position in lists and whether it is
    in use); `order` and `active` left as None keep what it has. The change is security-logged."""
    _require_business_unit(by)
    name = name.strip()
    _refuse_name_taken(SubCommittee, name, subcommittee, "a sub-committee")
    fields = {"name": name, "help_text": description.strip()}
    if order is not None:
        fields["order"] = order
    if active is not None:
        fields["active"] = active
    if subcommittee is None:
        code = base = slugify(name)[:36] or "committee"
        n = 2
        while SubCommittee.objects.filter(code=code).exists():
            code, n = f"{base}-{n}", n + 1
        subcommittee = SubCommittee.objects.create(code=code, **fields)
        detail = f"added sub-committee {name}"
    else:
        if all(getattr(subcommittee, f) == v for f, v in fields.items()):
            return subcommittee
        _set_and_save(subcommittee, fields)
        detail = f"changed sub-committee {name}"
    log_event(request, Kind.SUBCOMMITTEE_CHANGED, user=by, detail=detail)
    return subcommittee


@transaction.atomic
def security_log_prune(*, before) -> int:
    """Delete security-log rows and login attempts (usernames and addresses) dated before `before`."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    count = SecurityEvent.objects.filter(at__date__lt=before).exclude(kind=SecurityEvent.Kind.RETENTION).delete()[0]
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        count += model.objects.filter(attempt_time__date__lt=before).delete()[0]
    return count
