"""The business plan: plans by period, priorities, objectives owned by sub-committees, and the
activity and outcome reports sub-committee chairs record each meeting cycle."""

from django.conf import settings
from django.db import models

from bscp_portal.lib.record_models import DetailPage, Versioned
from governance.models.base import PartnershipWideRecord, Rag


class Plan(DetailPage, PartnershipWideRecord):
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    summary = models.TextField(blank=True)

    detail_url = "governance:plan_detail"

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")), name="plan_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on:%Y}–{self.ends_on:%Y})"


class Priority(PartnershipWideRecord):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title


class Objective(DetailPage, PartnershipWideRecord, Versioned):
    """One objective of the plan, owned by a sub-committee whose chair rates it and explains why."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    code = models.SlugField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    subcommittee = models.ForeignKey("partnership.SubCommittee", on_delete=models.PROTECT, related_name="objectives")
    rag = models.CharField("Overall rating", max_length=10, choices=Rag.choices, default=Rag.NOT_RATED)
    rag_explanation = models.TextField("Why this rating", blank=True)
    rag_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rag_set_at = models.DateTimeField(null=True, blank=True)

    detail_url = "governance:objective_detail"

    class Meta:
        ordering = ["priority__order", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["priority", "code"], name="unique_objective_code_per_priority")]

    def __str__(self) -> str:
        return self.title


class ChairReport(PartnershipWideRecord):
    """A sub-committee chair's activity and outcome report for one meeting cycle of the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="chair_reports")
    subcommittee = models.ForeignKey("partnership.SubCommittee", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(
        "governance.Meeting",
        on_delete=models.PROTECT,
        related_name="chair_reports",
        help_text="The meeting cycle this report covers.",
    )
    activity = models.TextField("Activity this cycle")
    outcomes = models.TextField("Outcomes and evidence of impact")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-meeting__held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "subcommittee", "meeting"], name="one_chair_report_per_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.subcommittee} report, {self.meeting.held_on:%b %Y}"
