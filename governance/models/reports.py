"""Reports on their way to the Partnership: every one is received by PAQA, which decides."""

from django.conf import settings
from django.db import models

from bscp_portal.lib.record_models import DetailPage, Versioned
from governance.models.base import PartnershipWideRecord


class SourceKind(models.TextChoices):
    SCORECARD = "scorecard", "Scorecard"
    SECTION11 = "section11", "Section 11"
    AUDITS = "audits", "Audits"
    REVIEWS = "reviews", "Reviews"
    CONFERENCES = "conferences", "Conferences"
    CDOP = "cdop", "Child Death Overview Panel"
    SUBCOMMITTEE = "subcommittee", "Sub-committee"
    AGENCY = "agency", "Partner agency"
    GOVERNANCE = "governance", "Partnership performance"
    UPLOADED = "uploaded", "Uploaded"


class RoutedReport(DetailPage, PartnershipWideRecord, Versioned):
    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested by the Partnership"
        RECEIVED = "received", "Received by PAQA"
        TABLED = "tabled", "Tabled for the Partnership"
        CIRCULATED = "circulated", "Circulated for information only"
        RETURNED = "returned", "Returned to the author"

    title = models.CharField(max_length=300)
    author_name = models.CharField("Author", max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_kind = models.CharField(max_length=20, choices=SourceKind.choices)
    source_label = models.CharField(max_length=300, blank=True)
    # A report sent from where it lives: the strand's own reference and the page it came from.
    source_ref = models.CharField(max_length=60, blank=True, db_index=True)
    source_url = models.CharField(max_length=300, blank=True)
    summary = models.TextField("Headline figures", blank=True)
    received_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, db_index=True)
    meeting = models.ForeignKey(
        "governance.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="tabled_reports"
    )
    decision_reasons = models.TextField(blank=True)
    # A report the Partnership asked for: who owes it and by when.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="reports_due"
    )
    due_on = models.DateField(null=True, blank=True)
    file = models.FileField(upload_to="governance/reports/%Y/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)

    detail_url = "governance:report_detail"

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def source_link(self) -> str:
        """The page the report came from, only ever a path on this portal: a stored value that
        is anything else (another host, a javascript: URL) is never made a link."""
        url = self.source_url or ""
        return url if url.startswith("/") and not url.startswith("//") else ""


class ReportEvent(models.Model):
    """One step of a report's trail, from request or receipt to PAQA's decision."""

    report = models.ForeignKey(RoutedReport, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=RoutedReport.Status.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.at:%Y-%m-%d}"
