"""An export too large to send at once, built in the background (partnership/export_jobs.py)."""

from django.conf import settings
from django.db import models

from bscp_portal.lib.record_models import DetailPage


class ExportJobQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person's own export jobs only: no role sees another person's."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(requested_by=user)


class ExportJob(DetailPage, models.Model):
    """One export asked for by one person: the export page's path and query, rebuilt by a worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being written"
        DONE = "done", "Ready to download"
        FAILED = "failed", "Failed"

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField("export page", max_length=500)
    query = models.TextField("filters", blank=True)
    fmt = models.CharField("format", max_length=4, choices=Format.choices)
    filename = models.CharField("file name", max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_written = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField("rows in all", default=0)
    file = models.FileField(upload_to="exports/", blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    objects = ExportJobQuerySet.as_manager()
    detail_url = "partnership:background_file"

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-requested_at"], name="export_jobs_of_person")]

    def __str__(self) -> str:
        return f"Export {self.filename}.{self.fmt}"

    @property
    def unfinished(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def progress_text(self) -> str:
        """ "1,200 of 60,000 rows written" (the total is the count when it was asked for)."""
        total = max(self.rows_total, self.rows_written)
        return f"{self.rows_written:,} of {total:,} row{'' if total == 1 else 's'} written"

    @property
    def download_name(self) -> str:
        return f"{self.filename}.{self.fmt}"
