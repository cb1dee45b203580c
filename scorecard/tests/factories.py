import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from scorecard.models import Indicator, Measurement, Target


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"TEST_{n:04d}")
    name = factory.Sequence(lambda n: f"Test indicator {n}")
    definition = "Percentage of things done in time."
    unit = "percentage"
    decimals = 1
    polarity = "higher"
    frequency = "monthly"
    category = "cp_activity"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    value = Decimal("90")
    effective_from = dt.date(2019, 4, 1)


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = dt.date(2024, 4, 1)
    period_end = dt.date(2024, 4, 30)
    series = "local"
    value = Decimal("90")
    entered_at = factory.LazyFunction(timezone.now)
