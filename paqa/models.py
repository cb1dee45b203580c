"""PAQA's question log on figures and its yearly review of the dataset."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from bscp_portal.lib.record_models import DetailPage, Versioned
from paqa import rules
from partnership.access import AgencyScopedQuerySet


class QuestionQuerySet(AgencyScopedQuerySet):
    """The owning agency's questions; all for PAQA, the business unit and the board."""

    def open(self):
        return self.exclude(status=rules.CLOSED)


class Question(DetailPage, Versioned):
    """A question PAQA raised on one figure, addressed to the agency that owns it."""

    class Status(models.TextChoices):
        OPEN = rules.OPEN, rules.LABELS[rules.OPEN]
        ANSWERED = rules.ANSWERED, rules.LABELS[rules.ANSWERED]
        CLOSED = rules.CLOSED, rules.LABELS[rules.CLOSED]

    figure_kind = models.CharField(max_length=30)
    figure_ref = models.CharField(max_length=120, db_index=True)
    figure_label = models.CharField("Figure", max_length=300)
    figure_url = models.CharField(max_length=300, blank=True)
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="paqa_questions")
    text = models.TextField("Question")
    due_on = models.DateField("Answer due by")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    raised_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)

    objects = QuestionQuerySet.as_manager()
    detail_url = "paqa:question_detail"

    class Meta:
        ordering = ["-raised_on", "-pk"]
        indexes = [models.Index(fields=["figure_kind", "figure_ref"], name="question_figure")]

    def __str__(self) -> str:
        return f"Question on {self.figure_label}"

    def is_overdue(self, today) -> bool:
        return rules.is_overdue(self.status, self.due_on, today)


class QuestionStep(models.Model):
    """One message in a question's thread: the question, an answer, acceptance or asking again."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=12, choices=list(rules.STEP_LABELS.items()))
    text = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on question {self.question_id}"


class MeetingPack(DetailPage, models.Model):
    """One built version of the pack for a PAQA meeting: its sections (kept as built) and PDF."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Being built"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    meeting_date = models.DateField(db_index=True)
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    sections = models.JSONField(default=dict, blank=True)
    pdf = models.FileField(upload_to="paqa/packs/%Y/", blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    detail_url = "paqa:pack_detail"

    class Meta:
        ordering = ["-meeting_date", "-version"]
        constraints = [models.UniqueConstraint(fields=["meeting_date", "version"], name="one_pack_version")]

    def __str__(self) -> str:
        return f"PAQA pack for {self.meeting_date:%-d %B %Y}, version {self.version}"


class DatasetReviewQuerySet(models.QuerySet):
    def latest_before(self, year: str):
        """Per indicator, the reviews of years before `year`, newest first (for subqueries)."""
        return self.filter(year__lt=year).order_by("-year")


class DatasetReview(Versioned):
    """PAQA's yearly decision on one indicator, tested against the six guiding principles:
    keep, change or retire, with its reason. It shapes the next financial year's scorecard."""

    class Decision(models.TextChoices):
        KEEP = rules.KEEP, rules.DECISION_LABELS[rules.KEEP]
        CHANGE = rules.CHANGE, rules.DECISION_LABELS[rules.CHANGE]
        RETIRE = rules.RETIRE, rules.DECISION_LABELS[rules.RETIRE]

    year = models.CharField("Review year", max_length=7, db_index=True)  # a financial year, "2025-26"
    indicator = models.ForeignKey("scorecard.Indicator", on_delete=models.PROTECT, related_name="dataset_reviews")
    principles = models.JSONField("Principles it meets", default=list, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = models.TextField()
    note = models.TextField("What changes", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_on = models.DateField()

    objects = DatasetReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "indicator__code"]
        constraints = [models.UniqueConstraint(fields=["year", "indicator"], name="one_review_per_indicator_year")]

    def __str__(self) -> str:
        return f"{self.indicator} ({self.year}): {self.get_decision_display().lower()}"

    def get_absolute_url(self) -> str:
        return reverse("paqa:dataset_review_decide", args=[self.year, self.indicator.code])

    def principle_labels(self) -> list[str]:
        return [rules.PRINCIPLES[p] for p in self.principles if p in rules.PRINCIPLES]
