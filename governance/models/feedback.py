"""Practitioner feedback: one open campaign at a time, answered anonymously through a public link."""

from django.db import models

from bscp_portal.lib.record_models import DetailPage
from governance.models.base import PartnershipWideRecord
from governance.models.training import PractitionerRole


class FeedbackCampaign(DetailPage, PartnershipWideRecord):
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    is_open = models.BooleanField(default=False)
    opened_on = models.DateField()

    detail_url = "governance:feedback_results"

    class Meta:
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["is_open"], condition=models.Q(is_open=True), name="one_open_campaign")
        ]

    def __str__(self) -> str:
        return self.title


class FeedbackQuestion(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", "Scale 1 to 5"
        TEXT = "text", "Free text"

    campaign = models.ForeignKey(FeedbackCampaign, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    theme = models.CharField(max_length=80)
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SCALE)

    class Meta:
        ordering = ["campaign", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class FeedbackResponse(models.Model):
    """An anonymous answer: agency type and role, never a name or an address."""

    campaign = models.ForeignKey(FeedbackCampaign, on_delete=models.CASCADE, related_name="responses")
    agency_kind = models.CharField("Type of agency", max_length=30)
    role = models.CharField(max_length=20, choices=PractitionerRole.choices)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Feedback {self.submitted_at:%Y-%m-%d}"


class FeedbackAnswer(models.Model):
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(FeedbackQuestion, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"
