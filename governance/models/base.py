"""Access for partnership-wide records: every signed-in, active user may read them."""

from django.db import models

from partnership.access import CHAIR, AgencyScopedQuerySet, has_role


class PartnershipWideQuerySet(models.QuerySet):
    """Records that belong to the partnership as a whole (plans, meetings, courses, ...)."""

    def for_user(self, user):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self


class AgencyRowQuerySet(AgencyScopedQuerySet):
    """Per-agency rows: own agency only, all for PAQA, business unit and board."""

    agency_field = "agency"


class ChairSeesAllQuerySet(AgencyRowQuerySet):
    """Per-agency rows that sub-committee chairs also see for every agency (attendance)."""

    def for_user(self, user):
        if getattr(user, "is_authenticated", False) and user.is_active and has_role(user, CHAIR):
            return self
        return super().for_user(user)


class Rag(models.TextChoices):
    GREEN = "GREEN", "Green"
    AMBER = "AMBER", "Amber"
    RED = "RED", "Red"
    NOT_RATED = "NOT_RATED", "Not rated"
