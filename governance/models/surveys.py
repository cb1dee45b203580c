"""The members' annual rating of the partnership: questions kept as data, one answer each."""

from django.conf import settings
from django.db import models

from bscp_portal.lib.record_models import DetailPage
from governance.models.base import PartnershipWideRecord


class RatingSurvey(DetailPage, PartnershipWideRecord):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    year = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField()

    detail_url = "governance:survey_detail"

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(RatingSurvey, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(max_length=60, help_text="Stable across years, so results can be compared.")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["survey", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="governance_unique_question_code_per_survey")
        ]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    survey = models.ForeignKey(RatingSurvey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "respondent"], name="one_rating_per_member")]

    def __str__(self) -> str:
        return f"{self.survey} response"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(help_text="1 strongly disagree … 5 strongly agree")
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="governance_one_answer_per_question"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="governance_rating_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score} to {self.question_id}"
