"""Section 11 self-audits: versioned standards, rounds, agency returns, evidence, challenge sessions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from bscp_portal.lib.record_models import DetailPage, Recorded, Versioned
from partnership.access import AgencyScopedQuerySet
from section11 import scoring


def _paqa_id() -> int | None:
    from partnership.models import SubCommittee

    return SubCommittee.objects.filter(code="paqa").values_list("pk", flat=True).first()


class Rating(models.TextChoices):
    FULLY_MET = scoring.FULLY_MET, "Fully met"
    PARTIALLY_MET = scoring.PARTIALLY_MET, "Partially met"
    NOT_MET = scoring.NOT_MET, "Not met"
    NOT_APPLICABLE = scoring.NOT_APPLICABLE, "Not applicable"


class Audit(models.TextChoices):
    """Which self-audit a set of standards is for: both run on the same rounds, returns and challenge."""

    SECTION_11 = "section11", "Section 11 self-audit (Children Act 2004)"
    SCHOOLS = "s175", "Education safeguarding audit (Education Act 2002, section 175 / 157)"


class StandardSet(Recorded):
    """One version of an audit's standards; a round keeps the version it was run with."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    audit = models.CharField(max_length=20, choices=Audit.choices, default=Audit.SECTION_11, db_index=True)
    adopted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-adopted_on", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def return_title(self) -> str:
        """What an agency's answer is called on its page."""
        if self.audit == Audit.SCHOOLS:
            return "education safeguarding audit (section 175 / 157)"
        return "Section 11 return"

    @property
    def in_use(self) -> bool:
        return self.rounds.exists()


class EvidenceRule(models.TextChoices):
    EITHER = scoring.EVIDENCE_EITHER, "A document or a written description"
    DOCUMENT = scoring.EVIDENCE_DOCUMENT, "A document"
    DESCRIPTION = scoring.EVIDENCE_DESCRIPTION, "A written description"


class Standard(Recorded):
    standard_set = models.ForeignKey(StandardSet, on_delete=models.PROTECT, related_name="standards")
    code = models.SlugField(max_length=40, unique=True)
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    fully_met_evidence = models.CharField(
        'Evidence needed for "fully met"',
        max_length=20,
        choices=EvidenceRule.choices,
        default=EvidenceRule.EITHER,
    )

    class Meta:
        ordering = ["standard_set", "number"]
        constraints = [
            models.UniqueConstraint(fields=["standard_set", "number"], name="s11_one_standard_number_per_set")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Criterion(Recorded):
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="criteria")
    code = models.SlugField(max_length=40, unique=True)
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["standard", "number"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return f"{self.standard.number}.{self.number} {self.text[:60]}"


class Round(DetailPage, Recorded):
    """An audit cycle: the agencies that must (or are invited to) return by the deadline."""

    name = models.CharField(max_length=120, unique=True)
    period = models.CharField(max_length=20, help_text="e.g. 2025-26")
    standard_set = models.ForeignKey(StandardSet, on_delete=models.PROTECT, related_name="rounds")
    opens_on = models.DateField()
    deadline = models.DateField("Submission deadline")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    detail_url = "section11:round_detail"

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gt=models.F("opens_on")), name="s11_deadline_after_opening")
        ]

    def __str__(self) -> str:
        return self.name

    def previous(self):
        """The round of the same audit (Section 11, or the schools' audit) that opened before this one."""
        return (
            Round.objects.filter(opens_on__lt=self.opens_on, standard_set__audit=self.standard_set.audit)
            .order_by("-opens_on")
            .first()
        )


class Participation(Recorded):
    """An agency's place in a round: required to return (statutory, commissioned) or invited."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="+")
    required = models.BooleanField(default=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name"]
        constraints = [models.UniqueConstraint(fields=["round", "agency"], name="s11_one_participation")]

    def __str__(self) -> str:
        return f"{self.agency} in {self.round} ({'required' if self.required else 'invited'})"


class Return(DetailPage, Versioned):
    """One agency's self-audit for one round."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        UNDER_CHALLENGE = "under_challenge", "Under challenge"
        RETURNED = "returned", "Returned for revision"
        ACCEPTED = "accepted", "Accepted"

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="returns")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="s11_returns")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    carried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    senior_manager = models.CharField("Senior manager", max_length=200, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()
    detail_url = "section11:return_detail"

    class Meta:
        ordering = ["round", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["round", "agency"], name="s11_one_return_per_round")]
        indexes = [models.Index(fields=["agency", "round"])]

    def __str__(self) -> str:
        return f"Section 11 return: {self.agency} — {self.round}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class SubmissionRowQuerySet(AgencyScopedQuerySet):
    """Rows of an agency's return (its responses, events, challenge records): that agency's own."""

    agency_field = "submission__agency"


class StandardResponse(Versioned):
    """The agency's answer to one standard, saved on its own so contributors don't collide."""

    submission = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="responses")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField("Self-rating", max_length=20, choices=Rating.choices, blank=True)
    na_reason = models.TextField("Why it does not apply", blank=True)
    narrative = models.TextField("Narrative evidence", blank=True)
    no_action_reason = models.TextField("Reason for having no improvement action", blank=True)
    carried_forward = models.BooleanField(default=False)
    imported_from = models.CharField(
        "Imported from",
        max_length=300,
        blank=True,
        help_text="The partnership and round of the exchange file this answer was imported from.",
    )
    reviewer_rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    reviewer_comment = models.TextField("Reviewer's comment", blank=True)
    agreed_rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubmissionRowQuerySet.as_manager()

    class Meta:
        ordering = ["submission", "standard__number"]
        constraints = [models.UniqueConstraint(fields=["submission", "standard"], name="s11_one_response_per_standard")]

    def __str__(self) -> str:
        return f"{self.submission.agency}: standard {self.standard.number} ({self.submission.round})"

    def get_absolute_url(self) -> str:
        return reverse("section11:standard_edit", args=[self.submission_id, self.standard.number])

    @property
    def figure_ref(self) -> str:
        """How PAQA's question log refers to this rating (section11/figures.py)."""
        return f"response-{self.pk}"

    @property
    def rag(self) -> str:
        return scoring.rag(self.rating)

    def action_defaults(self) -> dict:
        """An improvement action belongs to the returning agency; PAQA monitors Section 11 actions."""
        return {"agency_id": self.submission.agency_id, "subcommittee_id": _paqa_id()}


class CriterionResponse(Recorded):
    response = models.ForeignKey(StandardResponse, on_delete=models.CASCADE, related_name="criteria")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    note = models.TextField(blank=True, help_text="Required when not applicable: why.")

    class Meta:
        ordering = ["criterion__number"]
        constraints = [models.UniqueConstraint(fields=["response", "criterion"], name="s11_one_answer_per_criterion")]

    def __str__(self) -> str:
        return f"{self.response}: criterion {self.criterion.number}"


class EvidenceQuerySet(AgencyScopedQuerySet):
    """Evidence for a standard's response, uploaded or listed: the returning agency's own."""

    agency_field = "response__submission__agency"


class EvidenceFile(Recorded):
    response = models.ForeignKey(StandardResponse, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="section11/evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    carried_forward = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ListedEvidence(Recorded):
    """An evidence file named in an imported exchange file: listed by name, size and SHA-256 (the
    file itself stays with the portal that exported it)."""

    response = models.ForeignKey(StandardResponse, on_delete=models.CASCADE, related_name="listed_evidence")
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField("SHA-256", max_length=64)
    content_type = models.CharField(max_length=100, blank=True)
    description = models.CharField(max_length=2000, blank=True)
    listed_in = models.CharField("Listed in", max_length=300)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "listed evidence"

    def __str__(self) -> str:
        return self.name


class ReturnEvent(models.Model):
    """Each step of the review workflow: who, when, and any note."""

    class Kind(models.TextChoices):
        STARTED = "started", "Started"
        IMPORTED = "imported", "Imported from an exchange file"
        SUBMITTED = "submitted", "Submitted"
        CHALLENGE = "challenge", "Moved to challenge"
        RETURNED = "returned", "Returned for revision"
        ACCEPTED = "accepted", "Accepted"

    submission = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    objects = SubmissionRowQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


class ChallengeSession(DetailPage, Recorded):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField("Date")
    venue = models.CharField(max_length=200, blank=True)
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="s11_panels", blank=True)
    notes = models.TextField("General notes", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    detail_url = "section11:session_detail"

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Challenge session {self.held_on:%-d %B %Y} ({self.round})"


class ChallengeRecord(DetailPage, Versioned):
    """One agency at one challenge session: discussion, agreed ratings, agreed actions."""

    session = models.ForeignKey(ChallengeSession, on_delete=models.CASCADE, related_name="records")
    submission = models.ForeignKey(Return, on_delete=models.PROTECT, related_name="challenges")
    attendees = models.CharField("Who attended for the agency", max_length=300, blank=True)
    discussion = models.TextField("Discussion notes", blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)

    objects = SubmissionRowQuerySet.as_manager()
    detail_url = "section11:challenge_record"

    class Meta:
        ordering = ["submission__agency__name"]
        constraints = [models.UniqueConstraint(fields=["session", "submission"], name="s11_one_record_per_session")]

    def __str__(self) -> str:
        return f"{self.submission.agency} at the challenge session of {self.session.held_on:%-d %B %Y}"

    def action_defaults(self) -> dict:
        """Agreed actions belong to the agency challenged, monitored by PAQA."""
        return {"agency_id": self.submission.agency_id, "subcommittee_id": _paqa_id()}


class EscalationLetter(Recorded):
    """The escalation letter's wording, edited by the business unit. Placeholders in braces:
    {agency}, {round}, {reason}, {standards}, {deadline}, {partnership}."""

    name = models.CharField(max_length=100, unique=True, default="Escalation letter")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


class Escalation(DetailPage, Versioned):
    """A Section 11 concern taken up with an agency: letter, response date, then PAQA's board and
    the Partnership if unresolved. Each step is dated in `steps`."""

    class Kind(models.TextChoices):
        NOT_MET = "not_met", "Standard agreed not met"
        LATE_RETURN = "late_return", "Return not submitted"

    class Stage(models.TextChoices):
        OPENED = "opened", "Opened"
        LETTER_SENT = "letter_sent", "Letter sent to the agency's lead"
        PAQA_BOARD = "paqa_board", "Referred to PAQA's board"
        PARTNERSHIP = "partnership", "Referred to the Partnership"
        RESOLVED = "resolved", "Resolved"

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="escalations")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="s11_escalations")
    submission = models.ForeignKey(Return, null=True, blank=True, on_delete=models.PROTECT, related_name="escalations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    standards = models.CharField("Standards not met", max_length=100, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.OPENED, db_index=True)
    opened_on = models.DateField()
    letter_sent_on = models.DateField(null=True, blank=True)
    response_due = models.DateField("Agency's response due", null=True, blank=True)
    paqa_on = models.DateField("Referred to PAQA's board on", null=True, blank=True)
    partnership_on = models.DateField("Referred to the Partnership on", null=True, blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    resolution = models.TextField(blank=True)

    objects = AgencyScopedQuerySet.as_manager()
    detail_url = "section11:escalation_detail"

    class Meta:
        ordering = ["-opened_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["round", "agency", "kind"], name="s11_one_escalation_per_kind")]

    def __str__(self) -> str:
        return f"Escalation: {self.agency} — {self.get_kind_display().lower()} ({self.round})"


class EscalationStep(models.Model):
    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(max_length=20, choices=Escalation.Stage.choices)
    on = models.DateField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} on {self.on:%-d %b %Y}"
