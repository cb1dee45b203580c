"""Who may see and do what: the one place every app resolves access.

Each app's querysets subclass `ScopedQuerySet` (or `AgencyScopedQuerySet`, its per-agency form), views
fetch single records with `get_visible_or_404` and guard writes with `require_role`. A record
the user may not see answers 404; a write the user may not make answers 403.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.dispatch import Signal
from django.http import Http404

BUSINESS_UNIT = "business_unit"
PAQA = "paqa"
CHAIR = "chair"
BOARD = "board"
AGENCY_LEAD = "agency_lead"
AGENCY_CONTRIBUTOR = "agency_contributor"
CDOP = "cdop"
SAFEGUARDING_MANAGER = "safeguarding_manager"

#: Roles that see every agency's records (DESIGN.md: PAQA, business unit and board).
ALL_AGENCY_ROLES = frozenset({BUSINESS_UNIT, PAQA, BOARD})

#: Sent with `request` and `detail` on every 404 for a record that exists and every 403; the
#: security log (`partnership.security`) writes a row for each.
refused = Signal()


def roles_of(user) -> frozenset[str]:
    """The user's roles, read once per request and cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        cached = frozenset(user.role_assignments.values_list("role", flat=True))
        if user.is_superuser:
            cached |= {BUSINESS_UNIT}
        user._portal_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def sees_all_agencies(user) -> bool:
    return has_role(user, *ALL_AGENCY_ROLES)


def is_business_unit(user) -> bool:
    return has_role(user, BUSINESS_UNIT)


def chaired(user) -> frozenset[tuple[int, str]]:
    """The (id, code) of each sub-committee the user chairs, read once per request and cached on the user."""
    cached = getattr(user, "_portal_chaired", None)
    if cached is None:
        cached = frozenset(user.memberships.filter(is_chair=True).values_list("subcommittee_id", "subcommittee__code"))
        user._portal_chaired = cached
    return cached


def chairs_subcommittee(user, code: str) -> bool:
    """The user chairs the sub-committee with this code (PAQA, the CDOP panel...)."""
    return any(chaired_code == code for _, chaired_code in chaired(user))


def is_cdop_member(user) -> bool:
    """Only CDOP panel members see child-death case records; no other role implies it."""
    return has_role(user, CDOP)


def is_signed_in(user) -> bool:
    """A signed-in person whose account is active: nobody else sees any record."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


class ScopedQuerySet(models.QuerySet):
    """The one shape of `for_user`: nothing for someone not signed in, every row for those
    `sees_all` admits, otherwise the rows `visible_to` keeps. A strand's queryset overrides
    the two steps, never `for_user` itself."""

    def for_user(self, user):
        if not is_signed_in(user):
            return self.none()
        if self.sees_all(user):
            return self
        return self.visible_to(user)

    def sees_all(self, user) -> bool:
        return sees_all_agencies(user)

    def visible_to(self, user):
        return self.none()


class AgencyScopedQuerySet(ScopedQuerySet):
    """Records that belong to an agency: own agency's rows, or all for cross-agency roles."""

    agency_field = "agency"

    def visible_to(self, user):
        if user.agency_id is None:
            return self.none()
        return self.filter(**{self.agency_field: user.agency_id})


def get_visible_or_404(queryset, user, request=None, **lookup):
    """Fetch one record the user may see; 404 (and a security log row) when they may not."""
    obj = queryset.for_user(user).filter(**lookup).first()
    if obj is None:
        if request is not None and queryset.filter(**lookup).exists():
            refused.send(sender=queryset.model, request=request, detail=f"404 on {queryset.model._meta.label} {lookup}")
        raise Http404("No such record")
    return obj


def refuse(request, detail: str = ""):
    """Log a permission refusal and raise 403."""
    refused.send(sender=None, request=request, detail=f"403 {detail}".strip())
    raise PermissionDenied(detail or "You do not have permission to do this.")


def require_role(*roles: str) -> Callable:
    """View decorator: 403 unless the user holds one of `roles`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                refuse(request, f"needs one of {', '.join(sorted(roles))}")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
