"""Child deaths reviewed by the Child Death Overview Panel: special category data.

Only CDOP panel members see these records (`for_user`); everything others see is aggregated and
suppressed (cdop/statistics.py). Children are never named: case numbers only.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from bscp_portal.lib import periods
from bscp_portal.lib.lookups import Lookup
from bscp_portal.lib.record_models import DetailPage, Recorded, Versioned
from cdop import rules
from partnership.access import ScopedQuerySet, is_cdop_member


class CdopQuerySet(ScopedQuerySet):
    """Everything for CDOP panel members; nothing for anyone else (no other role implies it)."""

    def sees_all(self, user) -> bool:
        return is_cdop_member(user)


# --- reference data (load_framework) ---------------------------------------------------------


class Category(Lookup):
    """The ten national (NCMD) categories of death."""

    code = models.SlugField(max_length=40, unique=True)
    number = models.PositiveSmallIntegerField(unique=True)

    class Meta(Lookup.Meta):
        verbose_name = "category of death"
        verbose_name_plural = "categories of death"

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class FactorDomain(Lookup):
    """A domain of modifiable factors on the national analysis form."""

    code = models.SlugField(max_length=40, unique=True)

    class Meta(Lookup.Meta):
        verbose_name = "domain of modifiable factors"
        verbose_name_plural = "domains of modifiable factors"


class Ethnicity(Lookup):
    code = models.SlugField(max_length=40, unique=True)

    class Meta(Lookup.Meta):
        verbose_name_plural = "ethnicities"


class Area(Lookup):
    """Area of residence, as the partnership divides its area."""

    code = models.SlugField(max_length=40, unique=True)

    class Meta(Lookup.Meta):
        verbose_name = "area of residence"
        verbose_name_plural = "areas of residence"


# --- case records -----------------------------------------------------------------------------


class PopulationEstimate(models.Model):
    """Children living in the area by age group at 30 June of a year: the ONS mid-year
    population estimates, loaded from ONS's table with `manage.py load_population FILE`. The
    denominators of the panel's rates per 100,000 children."""

    year = models.PositiveSmallIntegerField("Mid-year (30 June)")
    age_group = models.CharField(max_length=8, choices=rules.POPULATION_GROUPS)
    population = models.PositiveIntegerField()
    source = models.CharField(max_length=200)

    class Meta:
        ordering = ["year", "age_group"]
        constraints = [models.UniqueConstraint(fields=["year", "age_group"], name="cdop_one_estimate_per_age_group")]

    def __str__(self) -> str:
        return f"Mid-{self.year}, {self.get_age_group_display()}: {self.population}"


class Death(DetailPage, models.Model):
    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        INDETERMINATE = "indeterminate", "Indeterminate"
        NOT_KNOWN = "not_known", "Not known"

    class Place(models.TextChoices):
        HOSPITAL = "hospital", "Hospital"
        HOME = "home", "Normal residence"
        HOSPICE = "hospice", "Hospice"
        PUBLIC = "public", "Public place"
        OTHER = "other", "Other place"
        ABROAD = "abroad", "Abroad"
        NOT_KNOWN = "not_known", "Not known"

    class Expectation(models.TextChoices):
        EXPECTED = "expected", "Expected"
        UNEXPECTED = "unexpected", "Unexpected"

    case_number = models.CharField(max_length=30, unique=True, help_text="The panel's case number, e.g. CD-2025-014.")
    date_of_death = models.DateField()
    date_notified = models.DateField("Date the panel was notified")
    age_years = models.PositiveSmallIntegerField("Age at death (completed years)")
    age_days = models.PositiveSmallIntegerField("Age in completed days (under one year only)", null=True, blank=True)
    age_band = models.CharField(max_length=12, choices=rules.AGE_BANDS, editable=False, db_index=True)
    sex = models.CharField(max_length=20, choices=Sex.choices)
    ethnicity = models.ForeignKey(Ethnicity, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(Area, verbose_name="Area of residence", on_delete=models.PROTECT, related_name="+")
    deprivation_quintile = models.CharField(
        "Deprivation of the child's home (IMD quintile)",
        max_length=12,
        choices=rules.DEPRIVATION_QUINTILES,
        help_text="The Index of Multiple Deprivation quintile of the neighbourhood (LSOA) of the child's home "
        "postcode: 1 is the most deprived fifth of neighbourhoods in England.",
    )
    place_of_death = models.CharField(max_length=20, choices=Place.choices)
    expectation = models.CharField("Expected or unexpected", max_length=12, choices=Expectation.choices)
    jar_held = models.BooleanField("Joint agency response held", default=False)
    jar_date = models.DateField("Date of the joint agency response", null=True, blank=True)
    jar_reason = models.TextField(
        "Why not held, or why not within the timescale", blank=True, help_text="For the joint agency response."
    )
    key_worker = models.CharField(
        "Key worker for the family",
        max_length=200,
        blank=True,
        help_text="Name and role of the family's single point of contact through the review.",
    )
    agencies = models.ManyToManyField("partnership.Agency", blank=True, related_name="+")
    review_reference = models.CharField(
        "Practice review reference",
        max_length=60,
        blank=True,
        help_text="The reference of the practice review this death was referred to, if any.",
    )
    status = models.CharField(max_length=20, choices=rules.STATUSES, default=rules.NOTIFIED, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, help_text="Optimistic lock: bumped on every save.")
    history = HistoricalRecords(m2m_fields=[agencies])

    objects = CdopQuerySet.as_manager()
    detail_url = "cdop:case_detail"

    class Meta:
        ordering = ["-date_notified", "-pk"]
        indexes = [models.Index(fields=["date_of_death"]), models.Index(fields=["status", "date_notified"])]

    def __str__(self) -> str:
        return f"Case {self.case_number}"

    def save(self, *args, **kwargs):
        self.age_band = rules.age_band(self.age_years, self.age_days)
        super().save(*args, **kwargs)

    @property
    def age_band_label(self) -> str:
        return rules.AGE_BAND_LABELS.get(self.age_band, "")

    @property
    def year(self) -> str:
        return periods.financial_year(self.date_of_death).label

    @property
    def jar_missing(self) -> bool:
        """An unexpected infant death with no joint agency response recorded."""
        return rules.jar_missing_flag(
            unexpected=self.expectation == self.Expectation.UNEXPECTED, age_years=self.age_years, jar_held=self.jar_held
        )

    @property
    def jar_on_time(self) -> bool | None:
        if not (self.jar_held and self.jar_date):
            return None
        return rules.jar_within_timescale(self.date_of_death, self.jar_date)

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        labels = dict(rules.STATUSES)
        return [(s, labels[s]) for s in rules.next_statuses(self.status)]


class PanelMeeting(DetailPage, models.Model):
    """A meeting of the panel, with its agenda of cases and who attended."""

    date = models.DateField(unique=True)
    location = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True, help_text="No names of children or families.")
    agenda = models.ManyToManyField(Death, blank=True, related_name="meetings")
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    apologies = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[agenda, attendees, apologies])

    objects = CdopQuerySet.as_manager()
    detail_url = "cdop:meeting_detail"

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"Panel meeting {self.date:%d %B %Y}"


class PanelReview(Versioned):
    """The panel's review of one death: category, modifiable factors and learning."""

    class Modifiable(models.TextChoices):
        YES = rules.MODIFIABLE_YES, "Yes: modifiable factors identified"
        NO = rules.MODIFIABLE_NO, "No modifiable factors identified"
        INSUFFICIENT = rules.MODIFIABLE_INSUFFICIENT, "Insufficient information"

    death = models.OneToOneField(Death, on_delete=models.CASCADE, related_name="review")
    reviewed_on = models.DateField("Date of the panel review", db_index=True)
    meeting = models.ForeignKey(PanelMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    modifiable = models.CharField("Modifiable factors", max_length=20, choices=Modifiable.choices)
    learning_points = models.TextField(blank=True, help_text="What the panel learned; no names.")
    themes = models.ManyToManyField("partnership.LearningTheme", blank=True, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = CdopQuerySet.as_manager()

    def __str__(self) -> str:
        # Shown as the source of recommendations in action lists other agencies see: no case data.
        return "Child Death Overview Panel recommendation"

    def get_absolute_url(self) -> str:
        return reverse("cdop:case_detail", args=[self.death_id])


class FactorScore(Recorded):
    """The factors the panel found in one domain and the domain's score on the national scale."""

    review = models.ForeignKey(PanelReview, on_delete=models.CASCADE, related_name="factors")
    domain = models.ForeignKey(FactorDomain, on_delete=models.PROTECT, related_name="+")
    score = models.CharField(max_length=2, choices=rules.FACTOR_SCORES)
    factors = models.TextField("Factors identified", blank=True)

    class Meta:
        ordering = ["domain__order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "domain"], name="cdop_one_score_per_domain"),
            models.CheckConstraint(
                condition=models.Q(score__in=rules.SCORE_VALUES), name="cdop_score_on_the_national_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.score}"


class InformationRequestQuerySet(CdopQuerySet):
    """Panel members see every request; anyone else only the requests addressed to them as
    their agency's designated person (not their colleagues', not their agency's others)."""

    def visible_to(self, user):
        return self.filter(addressee=user)


class InformationRequest(DetailPage, Versioned):
    """The panel's request to a named agency for what it knew of a child who died (the national
    reporting form step), addressed to the agency's designated person, answered in the portal."""

    death = models.ForeignKey(Death, on_delete=models.CASCADE, related_name="information_requests")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="+")
    addressee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Designated person",
        on_delete=models.PROTECT,
        related_name="cdop_information_requests",
    )
    question = models.TextField("What the panel asks", help_text="No names: the case number identifies the child.")
    sent_on = models.DateField()
    due_on = models.DateField("Answer due")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answer = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InformationRequestQuerySet.as_manager()
    detail_url = "cdop:request_detail"

    class Meta:
        ordering = ["answered_on", "due_on", "pk"]

    def __str__(self) -> str:
        return f"Information request {self.pk}: case {self.death.case_number}"

    @property
    def answered(self) -> bool:
        return self.answered_on is not None
