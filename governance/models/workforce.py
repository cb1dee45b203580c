"""Each agency's workforce figures for a year: staff in contact with children, trained in
safeguarding at the level their role needs, and posts, vacancies and leavers in safeguarding roles."""

from django.conf import settings
from django.db import models

from bscp_portal.lib.periods import year_label
from bscp_portal.lib.record_models import Recorded
from governance.models.base import AgencyRowQuerySet


class WorkforceReturn(Recorded):
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="The year starting in April of this year.")
    staff_in_contact = models.PositiveIntegerField("Staff in contact with children and families")
    trained = models.PositiveIntegerField("Of those, trained in safeguarding at the level their role needs")
    safeguarding_posts = models.PositiveIntegerField("Posts in safeguarding roles")
    vacancies = models.PositiveIntegerField("Of those posts, vacant at the end of the year")
    leavers = models.PositiveIntegerField("People who left safeguarding roles during the year")
    note = models.TextField(blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgencyRowQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_workforce_return_per_year")]

    def __str__(self) -> str:
        return f"{self.agency}, workforce {self.year_label}"

    @property
    def year_label(self) -> str:
        return year_label(self.year)
