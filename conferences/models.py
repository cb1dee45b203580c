"""Child protection conferences: the record, agency attendance, participation, the standards
checklist and families' questionnaires. Children are never named: case references only."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from bscp_portal.lib.lookups import Lookup
from bscp_portal.lib.record_models import Recorded
from conferences import timeliness
from partnership import equality
from partnership.access import (
    BOARD,
    BUSINESS_UNIT,
    PAQA,
    SAFEGUARDING_MANAGER,
    AgencyScopedQuerySet,
    ScopedQuerySet,
    has_role,
    is_signed_in,
)

#: May open conference records (case detail).
RECORD_ROLES = (BUSINESS_UNIT, SAFEGUARDING_MANAGER, PAQA)
#: May enter and change conference records.
ENTRY_ROLES = (BUSINESS_UNIT, SAFEGUARDING_MANAGER)
#: May see the partnership-wide monitoring dashboard (aggregates only).
MONITOR_ROLES = (BUSINESS_UNIT, SAFEGUARDING_MANAGER, PAQA, BOARD)


def may_open_records(user) -> bool:
    return has_role(user, *RECORD_ROLES)


def may_enter(user) -> bool:
    return has_role(user, *ENTRY_ROLES)


def may_monitor(user) -> bool:
    return has_role(user, *MONITOR_ROLES)


class Kind(models.TextChoices):
    INITIAL = timeliness.INITIAL, "Initial"
    REVIEW = timeliness.REVIEW, "Review"
    TRANSFER_IN = timeliness.TRANSFER_IN, "Transfer-in"


class Outcome(models.TextChoices):
    PLAN_MADE = "plan_made", "Plan made"
    NO_PLAN = "no_plan", "No plan"
    PLAN_CONTINUED = "plan_continued", "Plan continued"
    PLAN_ENDED = "plan_ended", "Plan ended"


class Category(models.TextChoices):
    NEGLECT = "neglect", "Neglect"
    PHYSICAL = "physical", "Physical abuse"
    SEXUAL = "sexual", "Sexual abuse"
    EMOTIONAL = "emotional", "Emotional abuse"
    MULTIPLE = "multiple", "Multiple"


class ChildViews(models.TextChoices):
    NONE = "", "Not represented"
    IN_PERSON = "in_person", "Attended in person"
    ADVOCATE = "advocate", "Through an advocate"
    WRITTEN = "written", "In writing"


class LateReason(Lookup):
    """Why a conference was held out of timescale (data, see framework/late_reasons.csv)."""

    code = models.SlugField(max_length=40, unique=True)


class ConferenceQuerySet(ScopedQuerySet):
    """Conference records: the business unit, safeguarding services manager and PAQA only."""

    def sees_all(self, user) -> bool:
        return may_open_records(user)

    def for_monitoring(self, user):
        """Rows counted in partnership-wide aggregates: the monitoring roles only (no detail)."""
        return self if is_signed_in(user) and may_monitor(user) else self.none()

    def timely(self):
        return self.filter(timely=True)

    def late(self):
        return self.filter(timely=False)


class Conference(Recorded):
    child_ref = models.CharField(
        "Child's case reference",
        max_length=30,
        db_index=True,
        help_text="The case reference from the social care record, never a name (for example CP-2025-0142).",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    strategy_discussion_date = models.DateField(
        "Strategy discussion", null=True, blank=True, help_text="The strategy discussion that started the s47 enquiry."
    )
    enquiry_start_date = models.DateField(
        "Section 47 enquiry start", null=True, blank=True, help_text="Required for an initial conference."
    )
    conference_date = models.DateField(db_index=True)
    chair = models.CharField("Chair", max_length=120, help_text="The conference chair (independent reviewing officer).")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    plan_category = models.CharField("Category of plan", max_length=20, choices=Category.choices, blank=True)
    second_plan = models.BooleanField("Second or subsequent plan", default=False)
    plan_start = models.DateField("Plan start", null=True, blank=True)
    plan_end = models.DateField("Plan end", null=True, blank=True)

    parents_attended = models.BooleanField("Parents attended", default=False)
    child_attended = models.BooleanField("Child attended", default=False)
    child_views = models.CharField(
        "Child's views represented", max_length=20, choices=ChildViews.choices, blank=True, default=""
    )
    interpreter_needed = models.BooleanField(default=False)
    interpreter_provided = models.BooleanField(default=False)

    # Equality monitoring (partnership/equality.py): "" only on records made before it was asked.
    child_sex = models.CharField("Child's sex", max_length=20, choices=equality.SEX, blank=True)
    child_age_band = models.CharField("Child's age band", max_length=20, choices=equality.AGE_BAND, blank=True)
    child_ethnicity = models.CharField("Child's ethnicity", max_length=20, choices=equality.ETHNICITY, blank=True)
    child_disability = models.CharField("Child's disability", max_length=20, choices=equality.DISABILITY, blank=True)

    late_reason = models.ForeignKey(
        LateReason,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
        verbose_name="Reason it was out of timescale",
    )
    late_reason_detail = models.TextField(
        "What happened", blank=True, help_text="Needed when the conference was out of timescale."
    )

    # Computed by services from the child's conferences (timeliness.assess_child); never typed.
    due_date = models.DateField(null=True, blank=True, editable=False)
    working_days = models.IntegerField(null=True, blank=True, editable=False)
    timely = models.BooleanField(null=True, editable=False, db_index=True)

    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-conference_date", "-pk"]
        indexes = [
            models.Index(fields=["child_ref", "conference_date"]),
            models.Index(fields=["kind", "conference_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} conference {self.child_ref} on {self.conference_date:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("conferences:detail", kwargs={"pk": self.pk})

    @property
    def timeliness_label(self) -> str:
        return {True: "In timescale", False: "Late", None: "Not measured"}[self.timely]


class InvitationQuerySet(AgencyScopedQuerySet):
    """Agency rows: all for the records and monitoring roles, else the user's own agency."""

    def sees_all(self, user) -> bool:
        return may_monitor(user) or may_open_records(user)


class AgencyInvitation(Recorded):
    """One agency's part in one conference: invited, attended, report and its timing."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="conference_invitations")
    invited = models.BooleanField(default=True)
    attended = models.BooleanField(default=False)
    apologies = models.BooleanField("Sent apologies", default=False)
    report_submitted_on = models.DateField("Report received on", null=True, blank=True)
    report_on_time = models.BooleanField(default=False, editable=False)
    report_shared_with_parents = models.BooleanField("Report shared with parents before", default=False)
    # Copied from the conference so agency figures never need the case record.
    conference_date = models.DateField(db_index=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "agency"], name="one_invitation_per_agency"),
            models.CheckConstraint(
                condition=Q(invited=True) | (Q(attended=False) & Q(apologies=False) & Q(report_submitted_on=None)),
                name="attendance_needs_invitation",
            ),
        ]
        indexes = [models.Index(fields=["agency", "conference_date"])]

    def __str__(self) -> str:
        return f"{self.agency} at {self.conference}"


def invitation_counts() -> dict:
    """What is counted over a group of agency invitations (the whole period, an agency, a month),
    for an aggregate or an annotation: invited, attended, apologies, reports, reports on time and
    reports shared with parents."""
    return {
        "invited": Count("pk"),
        "attended": Count("pk", filter=Q(attended=True)),
        "apologies": Count("pk", filter=Q(apologies=True)),
        "reports": Count("pk", filter=~Q(report_submitted_on=None)),
        "on_time": Count("pk", filter=Q(report_on_time=True)),
        "shared": Count("pk", filter=Q(report_shared_with_parents=True)),
    }


class Standard(Lookup):
    """One item of the partnership's conference standards checklist (data, see framework/)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=300)

    class Meta(Lookup.Meta):
        verbose_name = "conference standard"


class StandardResult(Recorded):
    class Result(models.TextChoices):
        MET = "met", "Met"
        NOT_MET = "not_met", "Not met"
        NOT_APPLICABLE = "na", "Not applicable"

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="standard_results")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="results")
    result = models.CharField(max_length=10, choices=Result.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conference", "standard"], name="one_result_per_standard")]

    def __str__(self) -> str:
        return f"{self.standard}: {self.get_result_display()}"


class Respondent(models.TextChoices):
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Child or young person"


class Question(models.Model):
    """A questionnaire question (data, see framework/): a 1-5 agreement scale or free text."""

    class Kind(models.TextChoices):
        SCALE = "scale", "Agreement scale (1-5)"
        TEXT = "text", "Free text"

    code = models.SlugField(max_length=40, unique=True)
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    #: Whose questionnaire: parents' and children's questions are worded for each.
    respondent = models.CharField(max_length=20, choices=Respondent.choices, default=Respondent.PARENT)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.text


SCALE = [
    (5, "Strongly agree"),
    (4, "Agree"),
    (3, "Neither agree nor disagree"),
    (2, "Disagree"),
    (1, "Strongly disagree"),
]


class QuestionnaireResponse(Recorded):
    class Method(models.TextChoices):
        PAPER = "paper", "Entered from paper"
        LINK = "link", "Online by link"

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="responses")
    respondent = models.CharField(max_length=20, choices=Respondent.choices)
    method = models.CharField(max_length=10, choices=Method.choices)
    conference_date = models.DateField(db_index=True, editable=False)
    submitted_at = models.DateTimeField(default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.get_respondent_display()} questionnaire, {self.get_method_display().lower()}"


class Answer(models.Model):
    response = models.ForeignKey(QuestionnaireResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(null=True, blank=True, choices=SCALE)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5), name="score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.get_score_display() if self.score else self.text[:40]}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class QuestionnaireLink(models.Model):
    """A one-time link for one questionnaire: only the hash of the token is stored."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="links")
    respondent = models.CharField(max_length=20, choices=Respondent.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    response = models.OneToOneField(
        QuestionnaireResponse, null=True, blank=True, on_delete=models.SET_NULL, related_name="link"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Questionnaire link for the {self.get_respondent_display().lower()} ({self.state})"

    @property
    def state(self) -> str:
        if self.used_at:
            return "used"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


class CoreGroup(Recorded):
    """A core group meeting of a child's plan, made at `conference` (initial or transfer-in).
    Timeliness is computed (timeliness.assess_core_groups), never typed."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="core_groups")
    meeting_date = models.DateField("Date of the core group")
    plan_reviewed = models.BooleanField("The plan was reviewed and updated", default=False)
    due_date = models.DateField(null=True, blank=True, editable=False)
    working_days = models.IntegerField(null=True, blank=True, editable=False)
    timely = models.BooleanField(null=True, editable=False)
    sequence = models.PositiveSmallIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "meeting_date"]
        constraints = [models.UniqueConstraint(fields=["conference", "meeting_date"], name="one_core_group_a_day")]

    def __str__(self) -> str:
        return f"Core group {self.sequence} for {self.conference.child_ref} on {self.meeting_date:%d %b %Y}"

    @property
    def timeliness_label(self) -> str:
        return {True: "In timescale", False: "Late", None: "Not measured"}[self.timely]


class CoreGroupAttendance(Recorded):
    core_group = models.ForeignKey(CoreGroup, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="core_group_attendance")
    attended = models.BooleanField(default=False)
    # Copied from the core group so agency figures never need the case record.
    meeting_date = models.DateField(db_index=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name"]
        constraints = [models.UniqueConstraint(fields=["core_group", "agency"], name="one_core_group_row_per_agency")]

    def __str__(self) -> str:
        return f"{self.agency} at {self.core_group}"
