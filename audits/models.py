"""Single-agency audits (commission to follow-up) and multi-agency practice audits of sampled cases."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from audits import disagreement_rules, governance_rules, rules
from audits.access import sees_all_audits
from bscp_portal.lib.record_models import DetailPage, Recorded, Versioned
from partnership import equality
from partnership.access import ScopedQuerySet


def _paqa_id() -> int | None:
    from partnership.models import SubCommittee

    return SubCommittee.objects.filter(code="paqa").values_list("pk", flat=True).first()


class AuditQuerySet(ScopedQuerySet):
    """Audit records: every row for PAQA, the business unit, the board and the PAQA chair."""

    def sees_all(self, user) -> bool:
        return sees_all_audits(user)


class AuditTeamQuerySet(AuditQuerySet):
    """A practice audit's records: also those of the audits the user leads or is on the team of,
    and those their agency takes part in (`agency_path` leads to the agency)."""

    audit_path = ""
    agency_path = "agencies"

    def visible_to(self, user):
        scope = Q(**{f"{self.audit_path}team": user}) | Q(**{f"{self.audit_path}lead": user})
        if user.agency_id is not None:
            scope |= Q(**{self.agency_path: user.agency_id})
        return self.filter(pk__in=self.model.objects.filter(scope).values("pk"))


# --- single-agency audits ---------------------------------------------------------------------


class AgencyAuditQuerySet(AuditQuerySet):
    """The audited agency's own audits, and those its staff audit independently; all for
    PAQA, business unit and board, and for the PAQA chair who requests them."""

    def visible_to(self, user):
        if user.agency_id is None:
            return self.none()
        return self.filter(Q(agency_id=user.agency_id) | Q(auditing_agency_id=user.agency_id))

    def with_open_follow_ups(self):
        return self.filter(follow_ups__submitted_on__isnull=True).distinct()


class AgencyAudit(DetailPage, models.Model):
    """One agency's audit of its own practice, or its management review of its handling of a case:
    own programme, or requested by PAQA or the Partnership; reviewed by PAQA, the multi-agency group."""

    class Origin(models.TextChoices):
        OWN = "own", "Agency's own programme"
        PAQA = "paqa", "Requested by the PAQA chair"
        PARTNERSHIP = "partnership", "Requested by the Partnership"

    class Kind(models.TextChoices):
        AUDIT = "audit", "Single-agency audit"
        MANAGEMENT_REVIEW = "management_review", "Management review"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        REPORTED = "reported", "Reported"
        ACTION_PLAN_AGREED = "action_plan_agreed", "Action plan agreed"
        FOLLOW_UP_DUE = "follow_up_due", "Follow-up due"
        CLOSED = "closed", "Closed"

    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="agency_audits")
    title = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.AUDIT,
        help_text="A management review is an agency's review of its own handling of one case.",
    )
    theme = models.CharField("Area or theme", max_length=200)
    themes = models.ManyToManyField("partnership.LearningTheme", blank=True, related_name="agency_audits")
    origin = models.CharField("Why", max_length=20, choices=Origin.choices, default=Origin.OWN)
    scope = models.TextField("Scope", blank=True, help_text="What the audit must look at (set when requested).")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(null=True, blank=True)
    due_date = models.DateField("Report due", null=True, blank=True, help_text="Timescale for the audit report.")
    independent = models.BooleanField(default=False, help_text="Carried out by another agency or person.")
    auditing_agency = models.ForeignKey(
        "partnership.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audits_carried_out",
        help_text="The nominated agency carrying out an independent audit.",
    )
    auditor_name = models.CharField("Nominated auditor", max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True)
    start_date = models.DateField(null=True, blank=True)
    reported_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    summary = models.TextField("Outcome summary", blank=True)
    report_file = models.FileField(upload_to="audits/reports/%Y/%m/", blank=True)
    report_name = models.CharField(max_length=255, blank=True)
    report_type = models.CharField(max_length=100, blank=True)

    paqa_consideration = models.TextField("PAQA consideration", blank=True)
    considered_on = models.DateField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True, help_text="When the agency was told of the request.")

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["report_file"])

    objects = AgencyAuditQuerySet.as_manager()
    detail_url = "audits:agency_audit_detail"

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["agency", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(independent=False) | Q(auditing_agency__isnull=False) | ~Q(auditor_name=""),
                name="independent_audit_names_its_auditor",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.agency})"

    def action_defaults(self) -> dict:
        """The action plan of an audit belongs to the audited agency and is monitored by PAQA."""
        return {"agency_id": self.agency_id, "subcommittee_id": _paqa_id()}

    @property
    def requested(self) -> bool:
        return self.origin != self.Origin.OWN

    def is_overdue(self, today=None) -> bool:
        return rules.report_overdue(self.due_date, self.status, today or timezone.localdate())


class Finding(Recorded):
    class Grade(models.TextChoices):
        GOOD = "good_practice", "Good practice"
        IMPROVE = "improvement", "Area for improvement"
        SHORTFALL = "shortfall", "Shortfall / concern"

    audit = models.ForeignKey(AgencyAudit, on_delete=models.CASCADE, related_name="findings")
    grade = models.CharField(max_length=20, choices=Grade.choices)
    text = models.TextField("Finding")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_grade_display()}: {self.text[:60]}"

    @property
    def figure_ref(self) -> str:
        """How PAQA's question log refers to this finding (audits/figures.py)."""
        return f"finding-{self.pk}"


class Escalation(Recorded):
    """A concern PAQA escalates to the Partnership; on the Partnership's dashboard until resolved."""

    audit = models.ForeignKey(AgencyAudit, on_delete=models.CASCADE, related_name="escalations")
    finding = models.ForeignKey(Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField()
    escalated_on = models.DateField(default=timezone.localdate)
    escalated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    resolved_on = models.DateField(null=True, blank=True)
    resolution = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-escalated_on", "-pk"]

    def __str__(self) -> str:
        return f"Escalation of {self.audit}: {self.reason[:60]}"


class FollowUp(Recorded):
    """A follow-up report evidencing improvement, due on a date PAQA sets."""

    audit = models.ForeignKey(AgencyAudit, on_delete=models.CASCADE, related_name="follow_ups")
    due_date = models.DateField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evidence = models.TextField("Evidence of improvement", blank=True)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"Follow-up on {self.audit} due {self.due_date:%d %b %Y}"

    def is_overdue(self, today=None) -> bool:
        return self.submitted_on is None and self.due_date < (today or timezone.localdate())


# --- multi-agency practice audits -------------------------------------------------------------


class AuditStandard(Recorded):
    """A standard practice is audited against (framework or local), with its criteria; data, not code."""

    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    source = models.CharField(max_length=120, blank=True, help_text="Where the standard comes from.")
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.title


class Criterion(Recorded):
    standard = models.ForeignKey(AuditStandard, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(max_length=40, unique=True)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["standard__order", "order", "code"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.text[:80]


class PracticeAuditQuerySet(AuditTeamQuerySet):
    """All for PAQA, business unit, board and the PAQA chair; the audit team; agencies taking part."""


class PracticeAudit(DetailPage, models.Model):
    """A multi-agency practice audit of cases sampled at random, against chosen standards."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        SAMPLING = "sampling", "Case selection"
        FIELDWORK = "fieldwork", "Auditing cases"
        ANALYSIS = "analysis", "Analysis"
        REPORTED = "reported", "Reported"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    theme = models.CharField(max_length=200)
    themes = models.ManyToManyField("partnership.LearningTheme", blank=True, related_name="practice_audits")
    standards = models.ManyToManyField(AuditStandard, related_name="practice_audits")
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="led_practice_audits")
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="practice_audit_teams")
    co_opted = models.TextField("Co-opted experts", blank=True, help_text="Names and roles, one a line.")
    agencies = models.ManyToManyField("partnership.Agency", related_name="practice_audits")
    methodology = models.TextField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True)
    summary = models.TextField("Summary of findings", blank=True)

    # Governance steps (audits/governance_rules.py), each dated and recorded through services.
    methodology_agreed_on = models.DateField("Methodology agreed on", null=True, blank=True)
    methodology_agreed_by = models.CharField("Methodology agreed by", max_length=200, blank=True)
    team_confirmed_on = models.DateField("Audit team confirmed on", null=True, blank=True)
    findings_presented_on = models.DateField("Findings presented to PAQA on", null=True, blank=True)
    findings_presented_at = models.CharField("PAQA meeting", max_length=200, blank=True)
    recommendations_agreed_on = models.DateField("Recommendations agreed by the Partnership on", null=True, blank=True)
    recommendations_agreed_at = models.CharField("Partnership meeting", max_length=200, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[standards, agencies])

    objects = PracticeAuditQuerySet.as_manager()
    detail_url = "audits:practice_detail"

    class Meta:
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return self.title

    def action_defaults(self) -> dict:
        return {"subcommittee_id": _paqa_id()}

    def action_plan_refusal(self) -> str | None:
        """Why no action may be added to this audit's plan yet (actions.services asks), or None."""
        return governance_rules.action_plan_refusal(self.recommendations_agreed_on)

    def step_dates(self) -> dict:
        """The date each governance step was recorded (None: not yet)."""
        records = [(d.kind, d.disseminated_on) for d in self.disseminations.all()]
        return {
            governance_rules.METHODOLOGY: self.methodology_agreed_on,
            governance_rules.TEAM: self.team_confirmed_on,
            governance_rules.FINDINGS: self.findings_presented_on,
            governance_rules.RECOMMENDATIONS: self.recommendations_agreed_on,
            governance_rules.DISSEMINATION: governance_rules.dissemination_step_date(records),
        }


class AuditTeamMember(Recorded):
    """A member of a multi-agency audit's team: who, from which agency, with what expertise."""

    audit = models.ForeignKey(PracticeAudit, on_delete=models.CASCADE, related_name="team_members")
    name = models.CharField(max_length=200)
    agency = models.ForeignKey("partnership.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organisation = models.CharField(
        max_length=200, blank=True, help_text="Where the member comes from when not a partner agency."
    )
    expertise = models.CharField(max_length=200)
    outside_paqa = models.BooleanField("Expertise from outside PAQA", default=False)
    added_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def comes_from(self) -> str:
        return str(self.agency) if self.agency_id else self.organisation


class Dissemination(Recorded):
    """What was shared from an audit, to whom, when and how: good practice as well as shortfalls."""

    class Kind(models.TextChoices):
        GOOD_PRACTICE = governance_rules.GOOD_PRACTICE, "Good practice"
        SHORTFALL = governance_rules.SHORTFALL, "Learning from shortfalls"

    audit = models.ForeignKey(PracticeAudit, on_delete=models.CASCADE, related_name="disseminations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    what = models.TextField("What was shared")
    audience = models.CharField("To whom", max_length=200)
    disseminated_on = models.DateField("When")
    method = models.CharField("How", max_length=200, help_text="Briefing, newsletter, workshop, 7-minute guide...")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["disseminated_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.audience} on {self.disseminated_on:%-d %b %Y}"


class CaseSample(models.Model):
    """The candidate list and the random draw, stored so that the selection can be reproduced."""

    audit = models.OneToOneField(PracticeAudit, on_delete=models.CASCADE, related_name="sample")
    source = models.CharField(max_length=255, help_text="Uploaded file name, or entered by hand.")
    candidates = models.JSONField(default=list, help_text="Eligible candidates: reference, agency ids, attributes.")
    excluded = models.JSONField(default=list, help_text="Rows left out, each with its reason.")
    loaded_at = models.DateTimeField(default=timezone.now)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    seed = models.BigIntegerField(null=True, blank=True)
    sample_size = models.PositiveIntegerField(null=True, blank=True)
    stratify_by = models.CharField(max_length=60, blank=True)
    rule = models.TextField(blank=True, help_text="The rule of the draw, in words.")
    selected = models.JSONField(default=list, help_text="The references drawn, in draw order.")
    drawn_at = models.DateTimeField(null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["candidates", "excluded"])

    def __str__(self) -> str:
        return f"Case sample for {self.audit}"

    @property
    def drawn(self) -> bool:
        return self.drawn_at is not None


class AuditCaseQuerySet(AuditTeamQuerySet):
    """Case-level detail: all for auditors; an agency sees only cases it took part in."""

    audit_path = "audit__"
    agency_path = "agency_reviews__agency_id"


class AuditCase(Recorded):
    """A sampled case: a reference only, never a name."""

    class Grade(models.TextChoices):
        OUTSTANDING = "outstanding", "Outstanding"
        GOOD = "good", "Good"
        REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
        INADEQUATE = "inadequate", "Inadequate"

    audit = models.ForeignKey(PracticeAudit, on_delete=models.CASCADE, related_name="cases")
    reference = models.CharField(max_length=40)
    position = models.PositiveIntegerField(help_text="Order in the draw.")
    attributes = models.JSONField(default=dict, blank=True)
    grade = models.CharField(max_length=30, choices=Grade.choices, blank=True)
    summary = models.TextField("Case summary", blank=True)
    # Equality monitoring (partnership/equality.py): "" until the audit team records them.
    child_sex = models.CharField("Child's sex", max_length=20, choices=equality.SEX, blank=True)
    child_age_band = models.CharField("Child's age band", max_length=20, choices=equality.AGE_BAND, blank=True)
    child_ethnicity = models.CharField("Child's ethnicity", max_length=20, choices=equality.ETHNICITY, blank=True)
    child_disability = models.CharField("Child's disability", max_length=20, choices=equality.DISABILITY, blank=True)

    objects = AuditCaseQuerySet.as_manager()

    class Meta:
        ordering = ["audit", "position"]
        constraints = [models.UniqueConstraint(fields=["audit", "reference"], name="unique_case_per_audit")]

    def __str__(self) -> str:
        return f"Case {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("audits:case_detail", args=[self.audit_id, self.pk])


class CaseAgency(Versioned):
    """One agency's part in one case: its answers, practice strengths and learning."""

    case = models.ForeignKey(AuditCase, on_delete=models.CASCADE, related_name="agency_reviews")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="+")
    strengths = models.TextField("Practice strengths", blank=True)
    learning = models.TextField("Learning / shortfalls", blank=True)
    completed = models.BooleanField(default=False)

    class Meta:
        ordering = ["case", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["case", "agency"], name="unique_agency_per_case")]

    def __str__(self) -> str:
        return f"{self.agency} on {self.case}"


class Answer(Recorded):
    class Value(models.TextChoices):
        MET = rules.MET, "Met"
        PARTLY = rules.PARTLY, "Partly met"
        NOT_MET = rules.NOT_MET, "Not met"
        NA = rules.NA, "Not applicable"

    case_agency = models.ForeignKey(CaseAgency, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.CharField(max_length=10, choices=Value.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case_agency", "criterion"], name="one_answer_per_criterion"),
            models.CheckConstraint(condition=Q(value__in=list(rules.ANSWERS)), name="answer_on_the_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.get_value_display()}"


# --- shared ------------------------------------------------------------------------------------


class Recommendation(Recorded):
    """A recommendation of either kind of audit; outstanding until marked implemented."""

    agency_audit = models.ForeignKey(
        AgencyAudit, null=True, blank=True, on_delete=models.CASCADE, related_name="recommendations"
    )
    practice_audit = models.ForeignKey(
        PracticeAudit, null=True, blank=True, on_delete=models.CASCADE, related_name="recommendations"
    )
    agency = models.ForeignKey(
        "partnership.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The agency the recommendation is for (blank: the partnership).",
    )
    text = models.TextField("Recommendation")
    implemented_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(agency_audit__isnull=False) & Q(practice_audit__isnull=True))
                | (Q(agency_audit__isnull=True) & Q(practice_audit__isnull=False)),
                name="recommendation_belongs_to_one_audit",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def audit(self):
        return self.agency_audit or self.practice_audit


# --- resolving professional disagreements ------------------------------------------------------


class DisagreementQuerySet(AuditQuerySet):
    """Both agencies' staff see a disagreement; PAQA, the business unit and the board see all."""

    def visible_to(self, user):
        if user.agency_id is None:
            return self.none()
        return self.filter(Q(raised_by_agency_id=user.agency_id) | Q(with_agency_id=user.agency_id))


class Disagreement(DetailPage, models.Model):
    """A practitioner's escalation of a professional disagreement with another agency, through
    the stages of the partnership's procedure, to its outcome. Never a child's name."""

    class Outcome(models.TextChoices):
        OPEN = "open", "Not resolved yet"
        AGREED = "agreed", "Resolved: agencies agreed a way forward"
        CHANGED = "changed", "Resolved: the decision challenged was changed"
        UPHELD = "upheld", "Resolved: the decision challenged was upheld"
        WITHDRAWN = "withdrawn", "Withdrawn"

    raised_by_agency = models.ForeignKey(
        "partnership.Agency", verbose_name="Agency raising it", on_delete=models.PROTECT, related_name="+"
    )
    with_agency = models.ForeignKey(
        "partnership.Agency", verbose_name="Agency disagreed with", on_delete=models.PROTECT, related_name="+"
    )
    subject = models.TextField("What the disagreement is about", help_text="No names: a case reference at most.")
    case_reference = models.CharField(max_length=40, blank=True)
    raised_on = models.DateField("Raised between practitioners")
    manager_on = models.DateField("Escalated to managers", null=True, blank=True)
    senior_manager_on = models.DateField("Escalated to senior managers", null=True, blank=True)
    partnership_on = models.DateField("Escalated to the Partnership", null=True, blank=True)
    stage = models.CharField(
        max_length=20, choices=[(c, label) for c, label, _ in disagreement_rules.STAGES], editable=False
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.OPEN)
    resolved_on = models.DateField(null=True, blank=True)
    outcome_note = models.TextField("What was decided", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = DisagreementQuerySet.as_manager()
    detail_url = "audits:disagreement_detail"

    class Meta:
        ordering = ["-raised_on", "-pk"]

    def __str__(self) -> str:
        return f"Disagreement {self.pk}: {self.raised_by_agency} with {self.with_agency}"

    def stage_dates(self) -> dict:
        return {f: getattr(self, f) for _c, _l, f in disagreement_rules.STAGES}


class ProcessAuditQuerySet(ScopedQuerySet):
    """A process audit looks at a multi-agency process, not an agency's cases: every signed-in
    person may read it."""

    def sees_all(self, user) -> bool:
        return True


class ProcessAudit(DetailPage, Versioned):
    """An audit of a process (the front door, strategy discussions, ...) judged against a
    standard, not case files: scope, method, findings, recommendations, then SMART actions."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        FINDINGS = "findings", "Findings recorded"
        RECOMMENDATIONS = "recommendations", "Recommendations agreed"

    title = models.CharField(max_length=200)
    process = models.CharField("Process audited", max_length=200, help_text="For example, the front door.")
    standard = models.TextField("Standard it is judged against")
    scope = models.TextField()
    method = models.TextField(help_text="How the process is looked at: observation, records, interviews, data.")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    findings = models.TextField(blank=True)
    findings_on = models.DateField(null=True, blank=True)
    recommendations = models.TextField(blank=True)
    recommendations_on = models.DateField("Recommendations agreed on", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProcessAuditQuerySet.as_manager()
    detail_url = "audits:process_detail"

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def action_defaults(self) -> dict:
        """Its actions are monitored by PAQA; the owning agency is chosen per action."""
        return {"subcommittee_id": _paqa_id()}
