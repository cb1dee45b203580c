"""Who may write what in the scorecard (reads go through `for_user`)."""

from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD, has_role, is_business_unit


def can_enter_data(user, indicator) -> bool:
    """The business unit for any indicator; agency leads and contributors only for indicators
    their agency owns."""
    if is_business_unit(user):
        return True
    return (
        has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR)
        and user.agency_id is not None
        and indicator.owning_agency_id == user.agency_id
    )


def can_import_measurements(user) -> bool:
    """Importers: the business unit, and agency leads and contributors (rows for their own
    agency's indicators only; others are refused row by row)."""
    return is_business_unit(user) or has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR)


def can_manage_catalogue(user) -> bool:
    """Indicators, targets and DfE benchmark files: the business unit."""
    return is_business_unit(user)


def can_enter_return(user, indicator) -> bool:
    """Agency leads and contributors (and the business unit) of an agency that submits this
    indicator enter their own agency's figure."""
    from partnership.access import BUSINESS_UNIT
    from scorecard.models import Submitter

    return (
        has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR, BUSINESS_UNIT)
        and user.agency_id is not None
        and Submitter.objects.filter(indicator=indicator, agency_id=user.agency_id, active=True).exists()
    )
