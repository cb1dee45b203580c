"""Themed reviews, case reviews (rapid reviews, practice reviews, learning reviews), their
recommendations and the learning that reaches practitioners."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from bscp_portal.lib.lookups import Lookup
from bscp_portal.lib.record_models import DetailPage, TrackedRecord, UploadedFile
from partnership.access import BUSINESS_UNIT, CHAIR, ScopedQuerySet, roles_of, sees_all_agencies
from reviews import timescales

#: The sub-committee that monitors case reviews and their recommendations.
CASE_REVIEW_COMMITTEE = "case-review"


def chairs_case_review(user) -> bool:
    """Chairs of the case review sub-committee see and run every review."""
    if CHAIR not in roles_of(user):
        return False
    cached = getattr(user, "_reviews_chair", None)
    if cached is None:
        cached = user.memberships.filter(subcommittee__code=CASE_REVIEW_COMMITTEE, is_chair=True).exists()
        user._reviews_chair = cached
    return cached


def can_manage_reviews(user) -> bool:
    """The business unit and the case review sub-committee chair record and run reviews."""
    return BUSINESS_UNIT in roles_of(user) or chairs_case_review(user)


def sees_every_review(user) -> bool:
    return sees_all_agencies(user) or chairs_case_review(user)


class ReviewScopedQuerySet(ScopedQuerySet):
    """Records of a review: all for cross-agency roles and the case review chair; otherwise
    only those of reviews the user's agency is involved in."""

    #: Lookups from this model to the agencies involved (any one match makes it visible).
    agency_paths: tuple[str, ...] = ("agencies",)

    def sees_all(self, user) -> bool:
        return sees_every_review(user)

    def visible_to(self, user):
        if user.agency_id is None:
            return self.none()
        scope = Q()
        for path in self.agency_paths:
            scope |= Q(**{path: user.agency_id})
        # A subquery rather than a join, so the rows are not repeated and need no DISTINCT.
        return self.filter(pk__in=self.model._base_manager.filter(scope).values("pk"))


class Methodology(Lookup):
    """An approach a themed review may use (loaded from framework/methodologies.csv)."""

    code = models.SlugField(max_length=40, unique=True)

    class Meta(Lookup.Meta):
        verbose_name_plural = "methodologies"


class ThemedReview(DetailPage, TrackedRecord):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        AGREED = "agreed", "Agreed"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        CLOSED = "closed", "Closed"

    theme = models.CharField(max_length=200, help_text="The broad area under review, e.g. neglect.")
    rationale = models.TextField(help_text="The concern that prompted the review.")
    agreed_by = models.CharField("Agreed by", max_length=200, blank=True, help_text="The Partnership chair.")
    agreed_on = models.DateField("Agreed on", null=True, blank=True)
    methodologies = models.ManyToManyField(Methodology, blank=True, related_name="themed_reviews")
    methodology_notes = models.TextField("Methodology (other or detail)", blank=True)
    agencies = models.ManyToManyField("partnership.Agency", blank=True, related_name="themed_reviews")
    themes = models.ManyToManyField("partnership.LearningTheme", blank=True, related_name="themed_reviews")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    started_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True)
    policy_change = models.TextField("Policy or practice change informed", blank=True)

    objects = ReviewScopedQuerySet.as_manager()
    detail_url = "reviews:themed_detail"

    class Meta:
        ordering = ["-agreed_on", "-pk"]

    def __str__(self) -> str:
        return f"Themed review: {self.theme}"


class Consultation(models.Model):
    """Stakeholders consulted for a themed review: a group, how and when, and how many (never names)."""

    class Group(models.TextChoices):
        CHILDREN = "children", "Children and young people"
        PARENTS = "parents", "Parents, carers and service users"
        PRACTITIONERS = "practitioners", "Practitioners"
        MANAGERS = "managers", "Managers and leaders"
        OTHER = "other", "Other stakeholders"

    review = models.ForeignKey(ThemedReview, on_delete=models.CASCADE, related_name="consultations")
    group = models.CharField(max_length=20, choices=Group.choices)
    method = models.CharField("How", max_length=200, help_text="e.g. focus group, survey, interviews.")
    held_on = models.DateField("Date")
    participants = models.PositiveIntegerField("How many took part", help_text="A count only: never names.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_group_display()} ({self.participants}) by {self.method}"


class CaseReview(DetailPage, TrackedRecord):
    class Kind(models.TextChoices):
        RAPID = "rapid", "Rapid review"
        LOCAL_CSPR = "local_cspr", "Local child safeguarding practice review"
        NATIONAL = "national", "National review"
        SCR = "scr", "Serious case review (historic)"
        LEARNING = "learning", "Learning lessons review"
        MANAGEMENT = "management", "Management review"

    class Approach(models.TextChoices):
        ROOT_CAUSE = "root_cause", "Root cause analysis"
        SYSTEMS = "systems", "Systems approach"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        NOTIFIED = "notified", "Notified"
        RAPID_REVIEW = "rapid_review", "Rapid review"
        IN_PROGRESS = "in_progress", "Review in progress"
        COMPLETED = "completed", "Completed"
        PUBLISHED = "published", "Published"
        CLOSED = "closed", "Closed"

    class Decision(models.TextChoices):
        PRACTICE_REVIEW = "practice_review", "Meets the criteria: local practice review"
        NATIONAL_REVIEW = "national_review", "Referred for a national review"
        LEARNING_REVIEW = "learning_review", "Below the criteria: learning lessons review"
        NO_FURTHER = "no_further", "Below the criteria: no further review"

    reference = models.CharField(max_length=40, unique=True, help_text='A case reference such as "RR-2025-03".')
    title = models.CharField(max_length=200, help_text="A short description; never a child's name.")
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    approach = models.CharField(max_length=20, choices=Approach.choices, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOTIFIED, db_index=True)
    agencies = models.ManyToManyField("partnership.Agency", blank=True, related_name="case_reviews")
    themes = models.ManyToManyField("partnership.LearningTheme", blank=True, related_name="case_reviews")

    # Timeline (national timescales in working days).
    became_aware_on = models.DateField("Partnership became aware", null=True, blank=True)
    notified_on = models.DateField("National panel notified", null=True, blank=True)
    rapid_review_on = models.DateField("Rapid review completed", null=True, blank=True)

    # Decision record.
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decided_by = models.CharField("Decided by", max_length=200, blank=True)
    decided_on = models.DateField("Decided on", null=True, blank=True)
    decision_reason = models.TextField("Why", blank=True)
    panel_view = models.TextField("National panel's view", blank=True)

    # The review itself.
    reviewer = models.CharField("Independent reviewer", max_length=200, blank=True)
    terms_of_reference = models.TextField(blank=True)
    started_on = models.DateField("Review started", null=True, blank=True)
    completed_on = models.DateField("Review completed", null=True, blank=True)
    published_on = models.DateField("Published", null=True, blank=True)
    not_published_reason = models.TextField("Reason for not publishing", blank=True)

    objects = ReviewScopedQuerySet.as_manager()
    detail_url = "reviews:case_detail"

    class Meta:
        ordering = ["-became_aware_on", "-pk"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def timeline(self, today: dt.date | None = None) -> list[timescales.Timescale]:
        """The national timescales for this review, each on time, late, open or overdue."""
        return timescales.timeline(
            kind=self.kind,
            became_aware_on=self.became_aware_on,
            notified_on=self.notified_on,
            rapid_review_on=self.rapid_review_on,
            today=today or timezone.localdate(),
        )


class Inspection(DetailPage, TrackedRecord):
    """An external inspection of the partnership or one of its agencies (a joint targeted area
    inspection, Ofsted's inspection of children's services, CQC, HMICFRS, HMI Probation):
    its judgement, findings and recommendations, which become SMART actions like a review's."""

    class Kind(models.TextChoices):
        JTAI = "jtai", "Joint targeted area inspection"
        LOCAL_AUTHORITY = "local_authority", "Local authority children's services inspection"
        HEALTH = "health", "Health inspection"
        POLICE = "police", "Police inspection"
        PROBATION = "probation", "Probation inspection"
        OTHER = "other", "Other inspection"

    class Inspectorate(models.TextChoices):
        JOINT = "joint", "Joint: Ofsted, CQC, HMICFRS and HM Inspectorate of Probation"
        OFSTED = "ofsted", "Ofsted"
        CQC = "cqc", "Care Quality Commission"
        HMICFRS = "hmicfrs", "HM Inspectorate of Constabulary and Fire & Rescue Services"
        HMI_PROBATION = "hmi_probation", "HM Inspectorate of Probation"
        OTHER = "other", "Another inspectorate"

    class Judgement(models.TextChoices):
        OUTSTANDING = "outstanding", "Outstanding"
        GOOD = "good", "Good"
        REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
        INADEQUATE = "inadequate", "Inadequate"
        NO_GRADE = "no_grade", "No overall grade (findings letter)"
        AWAITED = "awaited", "Report not yet received"

    title = models.CharField(
        max_length=200, help_text="e.g. JTAI: the multi-agency response to children at risk of exploitation."
    )
    kind = models.CharField("Kind of inspection", max_length=20, choices=Kind.choices, db_index=True)
    inspectorate = models.CharField(max_length=20, choices=Inspectorate.choices)
    inspected_from = models.DateField("First day of the inspection")
    inspected_to = models.DateField("Last day of the inspection", null=True, blank=True)
    published_on = models.DateField("Report published", null=True, blank=True)
    judgement = models.CharField(max_length=30, choices=Judgement.choices)
    findings = models.TextField(blank=True, help_text="What the inspectors found: strengths and areas for improvement.")
    agencies = models.ManyToManyField("partnership.Agency", blank=True, related_name="inspections")
    themes = models.ManyToManyField("partnership.LearningTheme", blank=True, related_name="inspections")

    objects = ReviewScopedQuerySet.as_manager()
    detail_url = "reviews:inspection_detail"

    class Meta:
        ordering = ["-inspected_from", "-pk"]

    def __str__(self) -> str:
        return f"Inspection: {self.title}"


class RecommendationQuerySet(ReviewScopedQuerySet):
    agency_paths = ("case_review__agencies", "themed_review__agencies", "inspection__agencies", "agency")

    def outstanding(self):
        return self.filter(status=Recommendation.Status.OPEN)


class Recommendation(models.Model):
    """A recommendation of a case review, themed review or inspection, turned into SMART actions
    owned by agencies; it closes only when they are signed off."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    case_review = models.ForeignKey(
        CaseReview, null=True, blank=True, on_delete=models.CASCADE, related_name="recommendations"
    )
    themed_review = models.ForeignKey(
        ThemedReview, null=True, blank=True, on_delete=models.CASCADE, related_name="recommendations"
    )
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField("Recommendation")
    agency = models.ForeignKey(
        "partnership.Agency",
        on_delete=models.PROTECT,
        related_name="review_recommendations",
        help_text="The agency accountable for it.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closing_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["number", "pk"]
        indexes = [models.Index(fields=["status", "agency"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(case_review__isnull=False, themed_review__isnull=True, inspection__isnull=True)
                | Q(case_review__isnull=True, themed_review__isnull=False, inspection__isnull=True)
                | Q(case_review__isnull=True, themed_review__isnull=True, inspection__isnull=False),
                name="recommendation_has_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review_label} recommendation {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:recommendation_detail", args=[self.pk])

    def action_defaults(self) -> dict:
        """Defaults for an action raised from this recommendation: the accountable agency,
        monitored by the case review sub-committee."""
        from partnership.models import SubCommittee

        committee = SubCommittee.objects.filter(code=CASE_REVIEW_COMMITTEE).values_list("pk", flat=True).first()
        return {"agency_id": self.agency_id, "subcommittee_id": committee}

    @property
    def review(self):
        """The case review, themed review or inspection the recommendation belongs to."""
        if self.case_review_id:
            return self.case_review
        return self.themed_review if self.themed_review_id else self.inspection

    @property
    def review_label(self) -> str:
        if self.case_review_id:
            return self.case_review.reference
        if self.themed_review_id:
            return f"Themed review: {self.themed_review.theme}"
        return str(self.inspection) if self.inspection_id else ""


class LearningQuerySet(ReviewScopedQuerySet):
    agency_paths = ("case_review__agencies",)


class Briefing(models.Model):
    """A learning product of a case review: a 7-minute briefing or a learning note."""

    class Kind(models.TextChoices):
        SEVEN_MINUTE = "seven_minute", "7-minute briefing"
        LEARNING_NOTE = "learning_note", "Learning note"
        OTHER = "other", "Other"

    case_review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="briefings")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SEVEN_MINUTE)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    published_on = models.DateField(default=timezone.localdate)
    history = HistoricalRecords()

    objects = LearningQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class DisseminationEvent(models.Model):
    """Learning taken to partners and practitioners: when, to whom, which agencies, how many."""

    case_review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="events")
    briefing = models.ForeignKey(Briefing, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    held_on = models.DateField("Date")
    audience = models.CharField(max_length=200, help_text="e.g. designated safeguarding leads, GP forum.")
    agencies_reached = models.ManyToManyField("partnership.Agency", related_name="review_events")
    attendance = models.PositiveIntegerField("How many attended")
    history = HistoricalRecords()

    objects = LearningQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%d %b %Y}: {self.audience}"


class PractitionerFeedback(models.Model):
    """Whether the learning changed practice, in a practitioner's own words (no names)."""

    class Changed(models.TextChoices):
        YES = "yes", "Yes, it changed my practice"
        PARTLY = "partly", "Partly"
        NO = "no", "No"
        NOT_YET = "not_yet", "Too early to say"

    case_review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="feedback")
    event = models.ForeignKey(
        DisseminationEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    received_on = models.DateField(default=timezone.localdate)
    agency = models.ForeignKey(
        "partnership.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="review_feedback"
    )
    practitioner_role = models.CharField("Practitioner's role", max_length=120, blank=True)
    changed_practice = models.CharField("Did it change practice?", max_length=10, choices=Changed.choices)
    comment = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = LearningQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name_plural = "practitioner feedback"

    def __str__(self) -> str:
        return f"{self.received_on}: {self.get_changed_practice_display()}"


class AttachmentQuerySet(ReviewScopedQuerySet):
    agency_paths = ("case_review__agencies", "themed_review__agencies")


class Attachment(DetailPage, UploadedFile):
    """A review document (report, terms of reference, briefing), served only through an
    access-checked view and stored under an internal name."""

    class Kind(models.TextChoices):
        REPORT = "report", "Review report"
        TERMS = "terms", "Terms of reference"
        BRIEFING = "briefing", "Learning briefing"
        OTHER = "other", "Other"

    case_review = models.ForeignKey(
        CaseReview, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    themed_review = models.ForeignKey(
        ThemedReview, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    briefing = models.ForeignKey(Briefing, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPORT)
    file = models.FileField(upload_to="reviews/%Y/%m/")

    objects = AttachmentQuerySet.as_manager()
    detail_url = "reviews:attachment_download"

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(case_review__isnull=False, themed_review__isnull=True))
                | (Q(case_review__isnull=True, themed_review__isnull=False)),
                name="attachment_has_one_review",
            ),
        ]
