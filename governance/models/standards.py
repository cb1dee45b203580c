"""The partnership's own standards for its outputs (training first), each with criteria loaded
as data; courses assessed against them; end-of-course and 3-month follow-up answers per criterion."""

from django.conf import settings
from django.db import models

from governance.models.base import PartnershipWideQuerySet, PartnershipWideRecord


class OutputStandard(PartnershipWideRecord):
    """A standard the partnership agreed for one of its outputs (training, procedures, ...)."""

    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    output = models.CharField(max_length=60, help_text="The partnership output it applies to, e.g. Training.")
    description = models.TextField(blank=True)
    agreed_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["output", "code"]

    def __str__(self) -> str:
        return self.title


class StandardCriterion(PartnershipWideRecord):
    """One specific criterion for meeting a standard, and the point at which it is judged."""

    class Stage(models.TextChoices):
        COURSE = "course", "Course design, assessed by the business unit"
        END = "end", "End of course evaluation"
        FOLLOW_UP = "follow_up", "Follow-up at 3 months: impact on practice"

    standard = models.ForeignKey(OutputStandard, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(max_length=40, unique=True)
    text = models.CharField(max_length=300)
    stage = models.CharField(max_length=12, choices=Stage.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["standard__code", "order", "code"]

    def __str__(self) -> str:
        return self.text


class CourseAssessment(PartnershipWideRecord):
    """A course judged against one design criterion of a standard: met or not, and why."""

    course = models.ForeignKey("governance.Course", on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(StandardCriterion, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField()
    note = models.TextField(blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField()

    class Meta:
        ordering = ["course", "criterion__order", "pk"]
        constraints = [models.UniqueConstraint(fields=["course", "criterion"], name="one_assessment_per_criterion")]

    def __str__(self) -> str:
        return f"{self.course}: {self.criterion}"


class PracticeFollowUp(models.Model):
    """The 3-month follow-up of one person's place: has the training changed their practice?
    Anonymous, like the end-of-course evaluation; through the place's own link, or entered."""

    session = models.ForeignKey("governance.TrainingSession", on_delete=models.CASCADE, related_name="follow_ups")
    place = models.OneToOneField(
        "governance.TrainingPlace", null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_up"
    )
    example = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    objects = PartnershipWideQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Follow-up of {self.session}"


class CriterionAnswer(models.Model):
    """One person's answer, at the end of the course or at 3 months, on whether a criterion was met."""

    criterion = models.ForeignKey(StandardCriterion, on_delete=models.PROTECT, related_name="answers")
    evaluation = models.ForeignKey(
        "governance.Evaluation", null=True, blank=True, on_delete=models.CASCADE, related_name="criterion_answers"
    )
    follow_up = models.ForeignKey(
        PracticeFollowUp, null=True, blank=True, on_delete=models.CASCADE, related_name="criterion_answers"
    )
    met = models.BooleanField()

    objects = PartnershipWideQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(evaluation__isnull=False) & models.Q(follow_up__isnull=True))
                | (models.Q(evaluation__isnull=True) & models.Q(follow_up__isnull=False)),
                name="criterion_answer_one_response",
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {'met' if self.met else 'not met'}"
