"""Who may do what in PAQA's work; roles read through partnership.access only."""

from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD, BOARD, BUSINESS_UNIT, PAQA, has_role


def sees_board(user) -> bool:
    return has_role(user, PAQA, BUSINESS_UNIT, BOARD)


def can_raise(user) -> bool:
    return has_role(user, PAQA)


def can_review(user) -> bool:
    return has_role(user, PAQA)


def can_answer(user, question) -> bool:
    """The owning agency's leads and contributors answer."""
    return has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR) and user.agency_id == question.agency_id


def can_build_pack(user) -> bool:
    return has_role(user, BUSINESS_UNIT, PAQA)


def can_review_dataset(user) -> bool:
    """The yearly dataset review is PAQA's own."""
    return has_role(user, PAQA)


def may_see_equality(user) -> bool:
    """Equality monitoring (suppressed counts of children by protected characteristic): PAQA
    members and the business unit, who may count every source it draws on."""
    return has_role(user, PAQA, BUSINESS_UNIT)
