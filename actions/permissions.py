"""Who may do what with an action. Seeing an action is `Action.objects.for_user`; these
predicates decide the writes (a visible action and a refused write answers 403)."""

from partnership.access import (
    AGENCY_LEAD,
    BUSINESS_UNIT,
    CHAIR,
    PAQA,
    SAFEGUARDING_MANAGER,
    has_role,
    sees_all_agencies,
)

#: Roles that may record actions (agency-scoped roles for their own agency only).
CREATOR_ROLES = (BUSINESS_UNIT, PAQA, CHAIR, AGENCY_LEAD, SAFEGUARDING_MANAGER)


def chaired_subcommittee_ids(user) -> frozenset[int]:
    """Sub-committees the user chairs, read once per request and cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_chaired_subcommittees", None)
    if cached is None:
        from partnership.models import Membership

        cached = frozenset(
            Membership.objects.filter(user=user, is_chair=True).values_list("subcommittee_id", flat=True)
        )
        user._chaired_subcommittees = cached
    return cached


def can_create(user) -> bool:
    return has_role(user, *CREATOR_ROLES) or bool(chaired_subcommittee_ids(user))


def creates_for_any_agency(user) -> bool:
    """Partnership-wide roles and chairs may give an action to any agency; others to their own."""
    return sees_all_agencies(user) or has_role(user, CHAIR) or bool(chaired_subcommittee_ids(user))


def can_edit(user, action) -> bool:
    """The business unit, the monitoring chair, the owning agency's lead, and whoever recorded it."""
    return (
        has_role(user, BUSINESS_UNIT)
        or (action.subcommittee_id is not None and action.subcommittee_id in chaired_subcommittee_ids(user))
        or (has_role(user, AGENCY_LEAD) and user.agency_id == action.agency_id)
        or (action.created_by_id is not None and action.created_by_id == user.pk)
    )


def can_update_progress(user, action) -> bool:
    """The owner, or the lead of the owning agency."""
    return action.owner_id == user.pk or (has_role(user, AGENCY_LEAD) and user.agency_id == action.agency_id)


def can_sign_off(user, action) -> bool:
    """Only the chair of the monitoring sub-committee, or the business unit."""
    return has_role(user, BUSINESS_UNIT) or (
        action.subcommittee_id is not None and action.subcommittee_id in chaired_subcommittee_ids(user)
    )


can_reopen = can_sign_off
