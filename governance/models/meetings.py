"""Meetings of the Partnership and its sub-committees, quorum rules (data) and attendance."""

from django.db import models

from bscp_portal.lib.record_models import DetailPage, Recorded, Versioned
from governance.models.base import ChairSeesAllQuerySet, PartnershipWideRecord


class QuorumRule(Recorded):
    """How many member agencies make a meeting quorate, per body; loaded from CSV."""

    code = models.SlugField(max_length=40, unique=True, help_text="The sub-committee's code.")
    min_agencies = models.PositiveSmallIntegerField(default=3)
    min_percent = models.PositiveSmallIntegerField(default=0, help_text="Share of expected agencies, 0 for none.")
    statutory_partners_required = models.BooleanField(
        default=False, help_text="All three statutory safeguarding partners must be represented."
    )

    def __str__(self) -> str:
        return f"Quorum for {self.code}"


class Meeting(DetailPage, PartnershipWideRecord, Versioned):
    body = models.ForeignKey("partnership.SubCommittee", on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("Date")
    title = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)

    detail_url = "governance:meeting_detail"

    class Meta:
        ordering = ["-held_on", "pk"]
        indexes = [models.Index(fields=["body", "held_on"])]

    def __str__(self) -> str:
        return self.title or f"{self.body} meeting, {self.held_on:%-d %b %Y}"


class Attendance(Recorded):
    """One expected member agency at one meeting, and whether it was represented."""

    class Status(models.TextChoices):
        EXPECTED = "expected", "Not yet recorded"
        ATTENDED = "attended", "Attended"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.EXPECTED)
    deputy = models.CharField("Deputy who attended", max_length=200, blank=True)

    objects = ChairSeesAllQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "agency"], name="one_attendance_per_agency")]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return f"{self.agency} at {self.meeting}: {self.get_status_display()}"
