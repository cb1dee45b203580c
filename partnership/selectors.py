"""Reads for the partnership app: access-checked querysets."""

import operator
from functools import reduce

from django.db.models import Count, Q, QuerySet

from partnership.models import Agency, SubCommittee, User


def agency_list(*, user) -> QuerySet[Agency]:
    """Agencies the user may see, with their active people counted in the same query."""
    return Agency.objects.for_user(user).annotate(people_count=Count("people", filter=Q(people__is_active=True)))


def agency_people(*, agency: Agency) -> QuerySet[User]:
    return agency.people.filter(is_active=True).prefetch_related("role_assignments")


def subcommittee_list() -> QuerySet[SubCommittee]:
    return SubCommittee.objects.annotate(member_count=Count("memberships"))


def _containing(rows: QuerySet, q: str, fields: tuple[str, ...]) -> QuerySet:
    """The rows with `q` in any of `fields`, case ignored."""
    return rows.filter(reduce(operator.or_, (Q(**{f"{name}__icontains": q}) for name in fields)))


def security_events(*, q: str = "", kind: str = "") -> QuerySet:
    """The security log, newest first, searched by user, address, path or detail."""
    from partnership.models import SecurityEvent

    events = SecurityEvent.objects.select_related("user")
    if kind:
        events = events.filter(kind=kind)
    if q:
        events = _containing(events, q, ("username", "subject_username", "ip_address", "path", "detail"))
    return events


PERSON_STATUSES = [("active", "Active"), ("invited", "Invited, password not set yet"), ("deactivated", "Deactivated")]


def people_list(*, q: str = "", agency_id: int | None = None, role: str = "", status: str = "") -> QuerySet[User]:
    """Everyone with an account (for the business unit), with their agency and roles."""
    people = User.objects.select_related("agency").prefetch_related("role_assignments")
    if q:
        people = _containing(people, q, ("first_name", "last_name", "username", "email", "job_title"))
    if agency_id:
        people = people.filter(agency_id=agency_id)
    if role:
        people = people.filter(role_assignments__role=role)
    if status == "active":
        people = people.filter(is_active=True, invited_at__isnull=True) | people.filter(
            is_active=True, last_login__isnull=False
        )
    elif status == "invited":
        people = people.filter(is_active=True, invited_at__isnull=False, last_login__isnull=True)
    elif status == "deactivated":
        people = people.filter(is_active=False)
    return people.distinct()


def agency_access(*, agency: Agency) -> QuerySet[User]:
    """Who at an agency can sign in (or has been invited to), with roles and seats: read-only list."""
    return (
        agency.people.filter(is_active=True)
        .prefetch_related("role_assignments", "memberships__subcommittee")
        .order_by("last_name", "first_name")
    )


def account_changes(*, person: User, limit: int = 100) -> list:
    """Security-log rows about one person's account: invitations, roles, seats, deactivation."""
    from partnership.models import SecurityEvent

    return list(SecurityEvent.objects.filter(subject=person).select_related("user")[:limit])
