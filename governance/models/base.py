"""Access for partnership-wide records: every signed-in, active user may read them."""

from django.db import models

from bscp_portal.lib.record_models import Recorded
from partnership.access import CHAIR, AgencyScopedQuerySet, ScopedQuerySet, has_role


class PartnershipWideQuerySet(ScopedQuerySet):
    """Records that belong to the partnership as a whole (plans, meetings, courses, ...)."""

    def sees_all(self, user) -> bool:
        return True


class PartnershipWideRecord(Recorded):
    """A record of the partnership as a whole, read by every signed-in user, with its history."""

    objects = PartnershipWideQuerySet.as_manager()

    class Meta:
        abstract = True


class AgencyRowQuerySet(AgencyScopedQuerySet):
    """Per-agency rows: own agency only, all for PAQA, business unit and board."""

    agency_field = "agency"


class ChairSeesAllQuerySet(AgencyRowQuerySet):
    """Per-agency rows that sub-committee chairs also see for every agency (attendance)."""

    def sees_all(self, user) -> bool:
        return has_role(user, CHAIR) or super().sees_all(user)


class Rag(models.TextChoices):
    GREEN = "GREEN", "Green"
    AMBER = "AMBER", "Amber"
    RED = "RED", "Red"
    NOT_RATED = "NOT_RATED", "Not rated"
