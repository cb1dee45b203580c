"""The partnership budget per financial year: contributions, expenditure, pressures, investments."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from bscp_portal.lib import periods
from bscp_portal.lib.record_models import Versioned
from governance import rules
from governance.models.base import AgencyRowQuerySet, PartnershipWideRecord


class FinancialYear(PartnershipWideRecord):
    """April to March; `start_year` 2024 is 2024-25."""

    start_year = models.PositiveSmallIntegerField(unique=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return periods.year_label(self.start_year)

    def get_absolute_url(self) -> str:
        return reverse("governance:budget_dashboard") + f"?year={self.start_year}"

    @property
    def label(self) -> str:
        return str(self)

    @property
    def span_text(self) -> str:
        """ "April 2024 to March 2025"."""
        return periods.FinancialYear(self.start_year).span_text


class Contribution(Versioned):
    year = models.ForeignKey(FinancialYear, on_delete=models.CASCADE, related_name="contributions")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="+")
    agreed = models.DecimalField(max_digits=12, decimal_places=2)
    received = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    objects = AgencyRowQuerySet.as_manager()

    class Meta:
        ordering = ["year", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["year", "agency"], name="one_contribution_per_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    @property
    def flag(self) -> str:
        return rules.contribution_flag(self.agreed, self.received)


class ExpenditureLine(PartnershipWideRecord):
    class Category(models.TextChoices):
        BUSINESS_UNIT = "business_unit", "Business unit"
        TRAINING = "training", "Training"
        REVIEWS = "reviews", "Case reviews"
        SCRUTINY = "scrutiny", "Independent scrutiny"
        CDOP = "cdop", "Child death overview"
        OTHER = "other", "Other"

    year = models.ForeignKey(FinancialYear, on_delete=models.CASCADE, related_name="expenditure")
    category = models.CharField(max_length=20, choices=Category.choices)
    description = models.CharField(max_length=200, blank=True)
    budget = models.DecimalField(max_digits=12, decimal_places=2)
    actual = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["year", "category", "pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.year}"

    @property
    def variance(self):
        return rules.variance(self.budget, self.actual)


class RiskRating(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class AgencyYearReport(models.Model):
    """What a partner agency reports for a financial year (a pressure, an investment): the
    agency's own rows, listed by year then agency, each named by the start of its description."""

    objects = AgencyRowQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["year", "agency__name", "pk"]

    def __str__(self) -> str:
        return f"{self.agency}: {self.description[:60]}"


class BudgetPressure(AgencyYearReport):
    """A pressure on a partner agency's budget that may harm safeguarding."""

    year = models.ForeignKey(FinancialYear, on_delete=models.CASCADE, related_name="pressures")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    impact = models.TextField("Impact on safeguarding")
    risk_rating = models.CharField(max_length=10, choices=RiskRating.choices)
    mitigations = models.TextField()
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_on = models.DateField()
    history = HistoricalRecords()


class Investment(AgencyYearReport):
    """An investment or improvement a partner agency has made for safeguarding."""

    year = models.ForeignKey(FinancialYear, on_delete=models.CASCADE, related_name="investments")
    agency = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_on = models.DateField()
    history = HistoricalRecords()
