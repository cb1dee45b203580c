"""Agencies, sub-committees, people and their roles: the ground every strand stands on."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from bscp_portal.lib.lookups import Lookup
from bscp_portal.lib.record_models import Recorded
from partnership.access import AgencyScopedQuerySet
from partnership.export_models import ExportJob  # noqa: F401  (its own module, one of this app's models)


class AgencyKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    ICB = "icb", "ICB / health commissioner"
    HEALTH_PROVIDER = "health_provider", "Health provider"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    VCS = "vcs", "Voluntary and community sector"
    OTHER = "other", "Other"


class S11Duty(models.TextChoices):
    STATUTORY = "statutory", "Statutory"
    COMMISSIONED = "commissioned", "Commissioned"
    VOLUNTARY = "voluntary", "Voluntary"


class Role(models.TextChoices):
    BUSINESS_UNIT = "business_unit", "Business unit"
    PAQA = "paqa", "PAQA member"
    CHAIR = "chair", "Sub-committee chair"
    BOARD = "board", "Partnership board member"
    AGENCY_LEAD = "agency_lead", "Agency lead"
    AGENCY_CONTRIBUTOR = "agency_contributor", "Agency contributor"
    CDOP = "cdop", "CDOP panel member"
    SAFEGUARDING_MANAGER = "safeguarding_manager", "Safeguarding services manager"


class AgencyQuerySet(AgencyScopedQuerySet):
    agency_field = "pk"


class Agency(Recorded):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=30, choices=AgencyKind.choices)
    statutory_partner = models.BooleanField(
        default=False, help_text="One of the three statutory safeguarding partners."
    )
    s11_duty = models.CharField("Section 11 duty", max_length=20, choices=S11Duty.choices)
    active = models.BooleanField(default=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def must_return_s11(self) -> bool:
        """Statutory and commissioned agencies must return a Section 11 self-audit."""
        return self.s11_duty in (S11Duty.STATUTORY, S11Duty.COMMISSIONED)


class SubCommittee(Lookup):
    """The Partnership board and its sub-committees (reference data from the framework)."""

    code = models.SlugField(max_length=40, unique=True)
    history = HistoricalRecords()

    class Meta(Lookup.Meta):
        verbose_name = "sub-committee"


class OutcomeArea(Lookup):
    """The five outcome areas for children (reference data from the framework)."""

    code = models.SlugField(max_length=40, unique=True)


class QAQuadrant(Lookup):
    """The four quadrants of evidence in the partnership's quality assurance model."""

    code = models.SlugField(max_length=40, unique=True)

    class Meta(Lookup.Meta):
        verbose_name = "QA quadrant"


class RiskTheme(Lookup):
    """Recognised risk factors a dataset is linked to (neglect, domestic abuse, ...)."""

    code = models.SlugField(max_length=40, unique=True)


class LearningTheme(Lookup):
    """A theme of learning from the national panel's list (neglect, information sharing, ...),
    carried by reviews, inspections, audits and child death reviews so that PAQA sees which recur."""

    code = models.SlugField(max_length=40, unique=True)


class User(AbstractUser):
    """A person using the portal; belongs to at most one agency and may hold several roles."""

    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="people")
    job_title = models.CharField(max_length=120, blank=True)
    sessions_revoked_at = models.DateTimeField(
        null=True, blank=True, help_text="Sessions started before this moment are ended (set by the business unit)."
    )
    invited_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the latest invitation was sent; a new one makes older links stop working.",
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignment(Recorded):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class Membership(Recorded):
    """A person's seat on a sub-committee (or the Partnership board), as member or chair."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    subcommittee = models.ForeignKey(SubCommittee, on_delete=models.CASCADE, related_name="memberships")
    is_chair = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "subcommittee"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.subcommittee}{' (chair)' if self.is_chair else ''}"


class SecurityEvent(models.Model):
    """Append-only security log, separate from record history; never edited in the portal."""

    class Kind(models.TextChoices):
        LOGIN = "login", "Login"
        LOGIN_FAILED = "login_failed", "Failed login"
        LOGOUT = "logout", "Logout"
        LOCKOUT = "lockout", "Lock-out"
        REFUSED = "refused", "Permission refused"
        EXPORT = "export", "Export"
        CDOP_VIEW = "cdop_view", "CDOP case view"
        SESSIONS_ENDED = "sessions_ended", "Sessions ended"
        ACCOUNT_DISABLED = "account_disabled", "Account disabled"
        TWO_STEP_CHANGED = "two_step_changed", "Two-step sign-in changed"
        TWO_STEP_RESET = "two_step_reset", "Two-step sign-in reset by the business unit"
        RETENTION = "retention", "Old records deleted or anonymised"
        INVITED = "invited", "Person invited"
        INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted"
        INVITATION_REFUSED = "invitation_refused", "Invitation link refused"
        DETAILS_CHANGED = "details_changed", "Personal details changed"
        ROLE_ADDED = "role_added", "Role given"
        ROLE_REMOVED = "role_removed", "Role taken away"
        SEAT_ADDED = "seat_added", "Sub-committee seat given"
        SEAT_REMOVED = "seat_removed", "Sub-committee seat taken away"
        ACCOUNT_ENABLED = "account_enabled", "Account reactivated"
        AGENCY_CHANGED = "agency_changed", "Agency added or changed"
        SUBCOMMITTEE_CHANGED = "subcommittee_changed", "Sub-committee added or changed"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, blank=True)
    # For whom: the person an account or role change was made to (empty for other events).
    subject = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    subject_username = models.CharField("for whom", max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"


class UserSession(models.Model):
    """A session a person signed in with, so that ending their sessions can delete each one from
    the session store, whichever backend keeps it (database, cache or both)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} since {self.started_at:%Y-%m-%d %H:%M}"


class ReminderLog(models.Model):
    """One reminder e-mail to one person about one record, at one step, on one day: the
    idempotency key of every strand's reminders (partnership/reminders.py). A step that sends
    nothing but must still happen once (a figure recorded as missing) has no recipient."""

    recipient = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    item_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    item_id = models.PositiveBigIntegerField()
    step = models.CharField(max_length=40, help_text='For example "due_soon", "overdue", "28" or "digest".')
    label = models.CharField(max_length=120, blank=True, help_text="What the reminder said, in a few words.")
    on_date = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on_date", "-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "item_type", "item_id", "step", "on_date"],
                name="one_reminder_per_person_item_step_day",
            ),
            # NULLs are never equal in a unique index: the steps for nobody need their own.
            models.UniqueConstraint(
                fields=["item_type", "item_id", "step", "on_date"],
                condition=models.Q(recipient__isnull=True),
                name="one_step_per_item_day_for_nobody",
            ),
        ]
        indexes = [models.Index(fields=["item_type", "item_id"], name="reminder_about_item")]

    def __str__(self) -> str:
        if self.recipient_id is None:
            return f"{self.label or self.step} recorded on {self.on_date}"
        return f"{self.label or self.step} to {self.recipient} on {self.on_date}"
