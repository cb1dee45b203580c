"""The annual report: narratives per section and period, and generated PDF versions."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from bscp_portal.lib.record_models import DetailPage, Recorded
from partnership.access import AGENCY_LEAD, BOARD, BUSINESS_UNIT, PAQA, ScopedQuerySet, has_role


def is_partner_lead(user) -> bool:
    """An agency lead of one of the three statutory safeguarding partners: signs the report off."""
    agency = getattr(user, "agency", None) if getattr(user, "is_authenticated", False) else None
    return bool(agency and agency.statutory_partner and agency.active and has_role(user, AGENCY_LEAD))


def in_sign_off_chain(user) -> bool:
    """Who may read drafts: the business unit, PAQA members and the lead partners' signatories."""
    return has_role(user, BUSINESS_UNIT, PAQA) or is_partner_lead(user)


class Narrative(Recorded):
    """The words for one section of one year's report, written in the portal (Markdown)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for approval"
        APPROVED = "approved", "Approved"

    period = models.CharField(max_length=7)
    section = models.SlugField(max_length=40)
    text = models.TextField(
        blank=True,
        help_text="Paragraphs; **bold**, *italic*, lines starting with - as a list, [words](address) as a link.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "section"], name="one_narrative_per_section")]

    def __str__(self) -> str:
        return f"{self.period} {self.section}"


class ReportQuerySet(ScopedQuerySet):
    """Drafts for the sign-off chain (business unit, PAQA, lead partners); approved
    versions only for board members; nothing for anyone else."""

    def sees_all(self, user) -> bool:
        return in_sign_off_chain(user)

    def visible_to(self, user):
        return self.approved() if has_role(user, BOARD) else self.none()

    def approved(self):
        """What the board and the public may read."""
        return self.filter(approved_at__isnull=False, status="done")


class Report(DetailPage, Recorded):
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
    children_pdf = models.FileField(upload_to="annual_reports/", blank=True)
    children_pages = models.PositiveIntegerField(null=True, blank=True)
    appendix = models.JSONField(
        default=list, blank=True, help_text="The full tables behind the PDF: [{title, columns, rows}]."
    )
    error = models.TextField(blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ReportQuerySet.as_manager()
    detail_url = "annual_report:report"

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

    @property
    def unfinished(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class SignOff(Recorded):
    """A lead safeguarding partner's sign-off of one version: who, when, for which agency."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sign_offs")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_at"]
        constraints = [models.UniqueConstraint(fields=["report", "agency"], name="one_sign_off_per_partner")]

    def __str__(self) -> str:
        return f"{self.agency} signed {self.report}"


class SectionComment(Recorded):
    """A comment on a section's narrative by someone in the sign-off chain (PAQA mostly)."""

    period = models.CharField(max_length=7)
    section = models.SlugField(max_length=40)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["period", "section"])]

    def __str__(self) -> str:
        return f"Comment on {self.period} {self.section}"
