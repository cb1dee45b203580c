"""The annual report: narratives per section and period, and generated PDF versions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.access import BOARD, BUSINESS_UNIT, PAQA, has_role


class Narrative(models.Model):
    """The words for one section of one year's report, written in the portal (Markdown)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    period = models.CharField(max_length=7)
    section = models.SlugField(max_length=40)
    text = models.TextField(blank=True, help_text="Markdown: **bold**, *italic*, lists with -, links.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "section"], name="one_narrative_per_section")]

    def __str__(self) -> str:
        return f"{self.period} {self.section}"


class ReportQuerySet(models.QuerySet):
    def for_user(self, user):
        """The business unit sees every version; PAQA and board see approved versions only."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if has_role(user, BUSINESS_UNIT):
            return self
        if has_role(user, PAQA, BOARD):
            return self.filter(approved_at__isnull=False)
        return self.none()


class Report(models.Model):
    """One generated version of a year's annual report."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being built"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    period = models.CharField(max_length=7, db_index=True)
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.CharField(max_length=200, blank=True, help_text="Which section is being built.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    snapshot_at = models.DateTimeField(null=True, blank=True, help_text="When the figures were read.")
    attempts = models.PositiveSmallIntegerField(default=0)
    delayed = models.BooleanField(default=False, help_text="The background service could not be reached.")
    pdf = models.FileField(upload_to="annual_reports/", blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["period", "version"], name="one_report_version"),
            # Two clicks on Generate make one job: at most one unfinished build per year.
            models.UniqueConstraint(
                fields=["period"], condition=Q(status__in=["queued", "running"]), name="one_build_at_a_time"
            ),
        ]

    def __str__(self) -> str:
        return f"Annual report {self.period} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("annual_report:report", args=[self.pk])

    @property
    def unfinished(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
