"""Multi-agency training: courses, sessions, who attended (agency and role) and evaluations."""

import secrets

from django.db import models
from simple_history.models import HistoricalRecords

from bscp_portal.lib.record_models import DetailPage
from governance.models.base import AgencyRowQuerySet, PartnershipWideQuerySet, PartnershipWideRecord


class Course(DetailPage, PartnershipWideRecord):
    class Level(models.TextChoices):
        INTRODUCTORY = "1", "Level 1 (introductory)"
        INTERMEDIATE = "2", "Level 2 (intermediate)"
        ADVANCED = "3", "Level 3 (advanced)"

    title = models.CharField(max_length=200, unique=True)
    multi_agency = models.BooleanField(default=True)
    level = models.CharField(max_length=2, choices=Level.choices, default=Level.INTRODUCTORY)

    detail_url = "governance:course_detail"

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class TrainingSession(DetailPage, PartnershipWideRecord):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField("Date")
    places = models.PositiveSmallIntegerField()
    location = models.CharField(max_length=200, blank=True)

    detail_url = "governance:session_detail"

    class Meta:
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.course}, {self.held_on:%-d %b %Y}"


class PractitionerRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    POLICE_OFFICER = "police_officer", "Police officer or staff"
    NURSE_MIDWIFE = "nurse_midwife", "Nurse, midwife or health visitor"
    DOCTOR = "doctor", "Doctor"
    TEACHER = "teacher", "Teacher or school staff"
    EARLY_YEARS = "early_years", "Early years practitioner"
    YOUTH_WORKER = "youth_worker", "Youth or family support worker"
    MANAGER = "manager", "Manager or designated lead"
    OTHER = "other", "Other"


def _token() -> str:
    return secrets.token_urlsafe(24)


class TrainingPlace(models.Model):
    """One person's place at a session: agency and role, never a name; carries the one-time
    token of their evaluation link."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="places_taken")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=PractitionerRole.choices)
    attended = models.BooleanField(default=True)
    evaluation_token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    history = HistoricalRecords(excluded_fields=["evaluation_token"])

    objects = AgencyRowQuerySet.as_manager()

    class Meta:
        ordering = ["session", "agency__name", "pk"]
        indexes = [models.Index(fields=["agency", "session"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.agency}"


class Evaluation(models.Model):
    """A session evaluation: entered by the business unit, or through a place's one-time link."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="evaluations")
    place = models.OneToOneField(
        TrainingPlace, null=True, blank=True, on_delete=models.SET_NULL, related_name="evaluation"
    )
    confidence_before = models.PositiveSmallIntegerField(help_text="1 (not at all) to 5 (very)")
    confidence_after = models.PositiveSmallIntegerField(help_text="1 (not at all) to 5 (very)")
    usefulness = models.PositiveSmallIntegerField(help_text="1 (not useful) to 5 (very useful)")
    would_recommend = models.BooleanField()
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    objects = PartnershipWideQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confidence_before__gte=1, confidence_before__lte=5)
                & models.Q(confidence_after__gte=1, confidence_after__lte=5)
                & models.Q(usefulness__gte=1, usefulness__lte=5),
                name="evaluation_scores_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"Evaluation of {self.session}"
