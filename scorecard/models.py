"""Performance indicators, their targets and measurements (FRAMEWORK.md section 3)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from bscp_portal.lib.record_models import Recorded, Versioned
from partnership.access import AgencyScopedQuerySet, ScopedQuerySet, is_business_unit
from scorecard.rag import Polarity


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE = "rate_per_10000", "Rate per 10,000"
    DAYS = "days", "Days"
    SCORE = "score", "Score"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class Category(models.TextChoices):
    CP_ACTIVITY = "cp_activity", "Child protection activity"
    CP_CONFERENCE = "cp_conference", "CP conference standards"
    LADO = "lado", "LADO"
    QUESTIONNAIRES = "questionnaires", "Questionnaires"
    BULLYING = "bullying", "Bullying"
    NATIONAL_CIN = "national_cin", "National children in need measures"
    OTHER = "other", "Other"


class Series(models.TextChoices):
    LOCAL = "local", "Local"
    ENGLAND = "england", "England"
    REGION = "region", "Region"
    STAT_NEIGHBOURS = "stat_neighbours", "Statistical neighbours"


class Symbol(models.TextChoices):
    """DfE symbols kept for a missing value (the value itself is then empty, never zero)."""

    SUPPRESSED = "c", "c: suppressed"
    LOW_RELIABILITY = "u", "u: low reliability"
    NOT_APPLICABLE = "z", "z: not applicable"
    NOT_AVAILABLE = ":", ": not available"
    NOT_AVAILABLE_OLD = "x", "x: not available"


POLARITY_CHOICES = [
    (Polarity.HIGHER.value, "Higher is better"),
    (Polarity.LOWER.value, "Lower is better"),
    (Polarity.NEITHER.value, "Neither"),
]


class IndicatorScopedQuerySet(ScopedQuerySet):
    """Partnership-wide indicators for everyone signed in; single-agency indicators only
    for their owning agency and for PAQA, business unit and board. `indicator_path` leads
    from the row to its indicator."""

    indicator_path = ""

    def visible_to(self, user):
        scope = Q(**{f"{self.indicator_path}partnership_wide": True})
        if user.agency_id is not None:
            scope |= Q(**{f"{self.indicator_path}owning_agency_id": user.agency_id})
        return self.filter(scope)


class IndicatorQuerySet(IndicatorScopedQuerySet):
    def active(self):
        return self.filter(active=True)


class Indicator(models.Model):
    code = models.CharField(max_length=60, unique=True, help_text="Stable code used by imports and exports.")
    name = models.CharField(max_length=200)
    definition = models.TextField(help_text="What is counted, how, and from which source.")
    unit = models.CharField(max_length=20, choices=Unit.choices)
    decimals = models.PositiveSmallIntegerField(
        default=1, help_text="Stated precision: places a value is given to (DfE: percentages to 1)."
    )
    polarity = models.CharField(max_length=10, choices=POLARITY_CHOICES)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER, db_index=True)
    owning_agency = models.ForeignKey(
        "partnership.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="indicators"
    )
    outcome_area = models.ForeignKey(
        "partnership.OutcomeArea", null=True, blank=True, on_delete=models.PROTECT, related_name="indicators"
    )
    qa_quadrant = models.ForeignKey(
        "partnership.QAQuadrant",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name="QA quadrant",
    )
    risk_themes = models.ManyToManyField("partnership.RiskTheme", blank=True, related_name="indicators")
    source = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    partnership_wide = models.BooleanField(
        default=True,
        help_text="Shown to every partner. Untick for a single-agency figure seen only by its agency "
        "and by PAQA, the business unit and the board.",
    )
    key_indicator = models.BooleanField(
        "Key indicator",
        default=False,
        help_text="Shown in the annual report with its run chart and its variation and assurance icons.",
    )
    active = models.BooleanField(default=True)
    due_days = models.PositiveSmallIntegerField(
        "Due (days after the period ends)",
        default=20,
        help_text="Agencies' figures are due this many days after each period ends.",
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[risk_themes])

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["category", "code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("scorecard:indicator", kwargs={"code": self.code})

    @property
    def action_source_label(self) -> str:
        """How an action arising from the indicator names it: in words, without the code."""
        return self.name

    @property
    def is_percentage(self) -> bool:
        return self.unit == Unit.PERCENTAGE


class Target(Recorded):
    """The target in force from `effective_from` until the next one (a target can change by year)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(max_digits=14, decimal_places=4)
    effective_from = models.DateField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "effective_from"], name="unique_target_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} target {self.value} from {self.effective_from}"


class ChartNote(Recorded):
    """A dated note on an indicator's chart: an event worth seeing beside the figures, or a
    process change from which the SPC limits are worked out afresh."""

    class Kind(models.TextChoices):
        EVENT = "event", "Event (shown on the chart)"
        PROCESS_CHANGE = "process_change", "Process change (limits worked out afresh from here)"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="chart_notes")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.EVENT)
    on = models.DateField("Date")
    text = models.CharField("What happened", max_length=120)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["indicator", "on"]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.on}: {self.text}"


class MeasurementQuerySet(IndicatorScopedQuerySet):
    """Measurements of the indicators the user may see."""

    indicator_path = "indicator__"


class Measurement(Versioned):
    class Origin:
        MANUAL = "manual"
        IMPORT = "import"
        DFE = "import:dfe"
        COMPUTED_PREFIX = "computed:"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period_start = models.DateField()
    period_end = models.DateField()
    series = models.CharField(max_length=20, choices=Series.choices, default=Series.LOCAL)
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    symbol = models.CharField(
        max_length=1, choices=Symbol.choices, blank=True, help_text="DfE symbol kept when the value is missing."
    )
    numerator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    origin = models.CharField(
        max_length=40, default=Origin.MANUAL, help_text='manual, import, import:dfe or "computed:<strand>".'
    )
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    entered_at = models.DateTimeField()

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "series", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end", "series"], name="unique_measurement_period_series"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="period_end_not_before_start"
            ),
        ]
        indexes = [
            models.Index(fields=["series", "period_end"]),
            # Each indicator's series in time order: the dashboard's latest figures.
            models.Index(fields=["indicator", "series", "period_start"], name="measurement_series_time"),
        ]

    def __str__(self) -> str:
        shown = self.symbol if self.value is None else self.value
        return f"{self.indicator.code} {self.period_start}–{self.period_end} {self.series}: {shown}"

    def get_absolute_url(self) -> str:
        return self.indicator.get_absolute_url()

    @property
    def is_computed(self) -> bool:
        return self.origin.startswith(self.Origin.COMPUTED_PREFIX)

    @property
    def origin_label(self) -> str:
        return origin_label(self.origin)


def origin_label(origin: str) -> str:
    """Where a figure came from, in words: "Entered", "Imported", "Computed from conferences records"."""
    if origin.startswith(Measurement.Origin.COMPUTED_PREFIX):
        return f"Computed from {origin.removeprefix(Measurement.Origin.COMPUTED_PREFIX)} records"
    return {"manual": "Entered", "import": "Imported", "import:dfe": "DfE published"}.get(origin, origin)


class ImportBatchQuerySet(ScopedQuerySet):
    """The business unit sees every import; others only the ones they uploaded."""

    def sees_all(self, user) -> bool:
        return is_business_unit(user)

    def visible_to(self, user):
        return self.filter(uploaded_by=user)


class ImportBatch(Recorded):
    """One uploaded file: previewed (every row's fate), then confirmed once or left."""

    class Kind(models.TextChoices):
        MEASUREMENTS = "measurements", "Measurements"
        INDICATORS = "indicators", "Indicators"
        DFE = "dfe", "DfE children in need file"

    class Status(models.TextChoices):
        PREVIEW = "preview", "Waiting for confirmation"
        APPLIED = "applied", "Imported"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=100, help_text="Internal file name in the file storage.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    options = models.JSONField(default=dict, blank=True, help_text="DfE: local authority, region, neighbours.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    counts = models.JSONField(default=dict, blank=True)
    extra_columns = models.JSONField(default=list, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import {self.original_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("scorecard:import_preview", kwargs={"pk": self.pk})


# --- the data calendar: who submits each indicator's figures, what they sent, and reminders ---


class Submitter(Recorded):
    """An agency that submits figures for an indicator, and the person responsible there."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="submitters")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="indicator_submissions")
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Responsible person",
    )
    expected_from = models.DateField(
        null=True,
        blank=True,
        help_text="The first period the agency returns through the portal (earlier figures came another way).",
    )
    active = models.BooleanField(default=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["indicator", "agency"], name="one_submitter_per_agency")]

    def __str__(self) -> str:
        return f"{self.agency} submits {self.indicator.code}"


class AgencyReturn(Versioned):
    """One agency's figure for one period of an indicator; the partnership value is built from these."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="agency_returns")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="indicator_returns")
    period_start = models.DateField()
    period_end = models.DateField()
    numerator = models.DecimalField(max_digits=14, decimal_places=4)
    denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    due_on = models.DateField()
    submitted_on = models.DateField()
    days_late = models.PositiveIntegerField(default=0)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "-period_start", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "agency", "period_start"], name="one_return_per_agency_period")
        ]
        indexes = [
            models.Index(fields=["indicator", "period_start"], name="agency_return_period"),
            models.Index(fields=["period_start", "agency"], name="agency_return_by_period"),  # the latest periods
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.indicator.code} {self.period_start:%b %Y}"

    @property
    def is_late(self) -> bool:
        return self.days_late > 0


class IndicatorStatus(models.Model):
    """An indicator's stored status (RAG, direction, SPC) at a date, so that the scorecard, home
    and /reports/ do not re-read and re-assess its whole history on every request.

    Written by scorecard/status_store.py only. A row is used while it was computed after the
    indicator's data last changed (`computed_at > changed_at`), for the same day and the same
    rules; any write to the indicator, its figures or its targets moves `changed_at`.
    """

    indicator = models.OneToOneField(Indicator, primary_key=True, on_delete=models.CASCADE, related_name="+")
    changed_at = models.DateTimeField()
    computed_at = models.DateTimeField(null=True)
    as_of = models.DateField(null=True)
    rules = models.CharField(max_length=60, blank=True)
    payload = models.BinaryField(null=True)
    # What the counts on /reports/ read, copied from the payload so that they are counted in
    # the database rather than by reading every payload back.
    rag = models.CharField(max_length=20, blank=True)
    rag_changed = models.BooleanField(default=False)
    special_cause = models.BooleanField(default=False)

    class Meta:
        verbose_name = "stored indicator status"

    def __str__(self) -> str:
        return f"Status of indicator {self.indicator_id} at {self.as_of}"
