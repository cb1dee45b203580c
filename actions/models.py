"""SMART actions, used by every strand through one generic link to their source record."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from actions import rules
from actions.permissions import chaired_subcommittee_ids
from bscp_portal.lib.record_models import FileDetails, Recorded
from partnership.access import ScopedQuerySet


class ActionQuerySet(ScopedQuerySet):
    """Own agency's actions; all for PAQA, business unit and board; chairs add their
    sub-committees' actions; owners always see their own. No join, so no duplicates."""

    def visible_to(self, user):
        scope = Q(owner=user)
        if user.agency_id is not None:
            scope |= Q(agency_id=user.agency_id)
        chaired = chaired_subcommittee_ids(user)
        if chaired:
            # A chair (by seat, whatever their role) follows every agency's actions in their area.
            scope |= Q(subcommittee_id__in=chaired)
        return self.filter(scope)

    def open(self):
        return self.filter(status__in=rules.OPEN_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def for_source(self, source):
        return self.filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk)


class Action(Recorded):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Priority(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    description = models.TextField("What will be done", help_text="Specific: what exactly will change.")
    measure = models.TextField("How success will be measured", help_text="Measurable: the evidence of outcome.")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_actions")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="actions")
    subcommittee = models.ForeignKey(
        "partnership.SubCommittee",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The sub-committee that monitors progress.",
    )
    resources = models.TextField("Resources or support needed", blank=True, help_text="Realistic: what it needs.")
    due_date = models.DateField(help_text="Time-bound: when it will be done.")
    original_due_date = models.DateField(
        null=True, blank=True, help_text="The due date first agreed, kept when the date is moved."
    )
    due_date_moves = models.PositiveSmallIntegerField(default=0, help_text="How many times the due date was moved.")
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED, db_index=True)

    # The record this action came from (audit, review, S11 return, objective, ...): one generic link.
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(max_length=300, blank=True, help_text="How the source read when linked.")

    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completion_evidence = models.TextField("Evidence of outcome", blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Optimistic lock: bumped on every save.")

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["agency", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
            # The last 12 months' sign-offs and their timeliness (/reports/), read from the index.
            models.Index(fields=["status", "completed_at", "due_date"], name="action_signed_off_idx"),
            # The all-actions list and the exports read in due order: an index scan, not a sort.
            models.Index(fields=["due_date", "id"], name="action_due_order_idx"),
        ]

    def __str__(self) -> str:
        return Truncator(self.description).chars(80)

    def get_absolute_url(self) -> str:
        return reverse("actions:detail", kwargs={"pk": self.pk})

    def is_overdue(self, today=None) -> bool:
        return rules.is_overdue(self.due_date, self.status, today or timezone.localdate())

    @property
    def source_kind(self) -> str:
        return self.source_type.model if self.source_type_id else ""

    @property
    def source_type_key(self) -> str:
        """'app_label.model' of the source (the `source_type` kwarg of actions:plan)."""
        if not self.source_type_id:
            return ""
        ct = ContentType.objects.get_for_id(self.source_type_id)
        return f"{ct.app_label}.{ct.model}"

    @property
    def source_kind_label(self) -> str:
        if not self.source_type_id:
            return ""
        model = ContentType.objects.get_for_id(self.source_type_id).model_class()
        return model._meta.verbose_name.capitalize() if model else ""


class ProgressUpdate(Recorded):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    on_date = models.DateField()
    note = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.on_date}: {self.note[:60]}"


class ActionEvent(models.Model):
    """Sign-offs and re-openings: who, when, and the evidence or reason, kept for good."""

    class Kind(models.TextChoices):
        SIGNED_OFF = "signed_off", "Signed off"
        REOPENED = "reopened", "Reopened"
        DUE_DATE_MOVED = "due_date_moved", "Due date moved"
        WITHDRAWN = "withdrawn", "Withdrawn"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField(help_text="Evidence of outcome, or the reason for reopening, moving or withdrawing.")

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


class EvidenceFile(FileDetails):
    event = models.ForeignKey(ActionEvent, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="actions/evidence/%Y/%m/")
