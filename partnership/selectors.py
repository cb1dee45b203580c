"""Reads for the partnership app: access-checked querysets."""

from django.db.models import Count, Q, QuerySet

from partnership.models import Agency, SubCommittee, User


def agency_list(*, user) -> QuerySet[Agency]:
    """Agencies the user may see, with their active people counted in the same query."""
    return Agency.objects.for_user(user).annotate(people_count=Count("people", filter=Q(people__is_active=True)))


def agency_people(*, agency: Agency) -> QuerySet[User]:
    return agency.people.filter(is_active=True).prefetch_related("role_assignments")


def subcommittee_list() -> QuerySet[SubCommittee]:
    return SubCommittee.objects.annotate(member_count=Count("memberships"))


def security_events(*, q: str = "", kind: str = "") -> QuerySet:
    """The security log, newest first, searched by user, address, path or detail."""
    from partnership.models import SecurityEvent

    events = SecurityEvent.objects.select_related("user")
    if kind:
        events = events.filter(kind=kind)
    if q:
        events = events.filter(
            Q(username__icontains=q) | Q(ip_address__icontains=q) | Q(path__icontains=q) | Q(detail__icontains=q)
        )
    return events
