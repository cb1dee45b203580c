"""The Partnership chair's regular meetings with the sub-committee chairs: who came, what was
decided; the actions agreed are SMART actions in the actions strand with the meeting as source."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from bscp_portal.lib.record_models import DetailPage
from governance.models.base import PartnershipWideQuerySet, PartnershipWideRecord


class ChairsMeeting(DetailPage, models.Model):
    held_on = models.DateField("Date")
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    others_present = models.CharField("Others present", max_length=300, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(m2m_fields=[attendees])

    objects = PartnershipWideQuerySet.as_manager()
    detail_url = "governance:chairs_meeting_detail"

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Chair's meeting with sub-committee chairs, {self.held_on.day} {self.held_on:%b %Y}"


class ChairsDecision(PartnershipWideRecord):
    meeting = models.ForeignKey(ChairsMeeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.text
