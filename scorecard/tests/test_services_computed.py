"""measurements_replace_computed: what the conferences strand writes its figures through."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from scorecard.models import Measurement
from scorecard.services import measurements_replace_computed
from scorecard.tests.factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

APRIL = {"period_start": dt.date(2024, 4, 1), "period_end": dt.date(2024, 4, 30)}
MAY = {"period_start": dt.date(2024, 5, 1), "period_end": dt.date(2024, 5, 31)}


def test_it_creates_then_replaces_without_duplicating():
    IndicatorFactory(code="CP_ICPC_15WD")
    first = measurements_replace_computed(
        indicator_code="CP_ICPC_15WD",
        origin="computed:conferences",
        rows=[{**APRIL, "value": Decimal("80.0"), "numerator": 8, "denominator": 10}, {**MAY, "value": 75}],
    )
    assert first == {"created": 2, "updated": 0, "unchanged": 0}
    again = measurements_replace_computed(
        indicator_code="CP_ICPC_15WD",
        origin="computed:conferences",
        rows=[{**APRIL, "value": Decimal("90.0"), "numerator": 9, "denominator": 10}, {**MAY, "value": 75}],
    )
    assert again == {"created": 0, "updated": 1, "unchanged": 1}
    rows = Measurement.objects.filter(indicator__code="CP_ICPC_15WD").order_by("period_start")
    assert [(m.value, m.origin) for m in rows] == [
        (Decimal("90.0"), "computed:conferences"),
        (Decimal("75"), "computed:conferences"),
    ]
    assert rows[0].origin_label == "Computed from conferences records"


def test_it_replaces_a_manual_figure_for_the_same_period():
    indicator = IndicatorFactory(code="CP_REVIEWS_IN_TIME")
    MeasurementFactory(indicator=indicator, **APRIL, value=Decimal("50"), origin="manual")
    measurements_replace_computed(
        indicator_code="CP_REVIEWS_IN_TIME", origin="computed:conferences", rows=[{**APRIL, "value": 97}]
    )
    only = Measurement.objects.get(indicator=indicator)
    assert (only.value, only.origin) == (Decimal("97"), "computed:conferences")


def test_it_refuses_a_value_that_disagrees_with_its_numerator_and_denominator():
    IndicatorFactory(code="CP_SECOND_PLAN", polarity="lower")
    with pytest.raises(ValidationError, match="does not agree"):
        measurements_replace_computed(
            indicator_code="CP_SECOND_PLAN",
            origin="computed:conferences",
            rows=[{**APRIL, "value": 30, "numerator": 1, "denominator": 4}],
        )
    assert not Measurement.objects.exists()


def test_it_refuses_an_unknown_code_or_origin():
    with pytest.raises(ValidationError, match="Unknown indicator"):
        measurements_replace_computed(indicator_code="NOPE", origin="computed:conferences", rows=[])
    IndicatorFactory(code="X1")
    with pytest.raises(ValidationError, match="computed:"):
        measurements_replace_computed(indicator_code="X1", origin="manual", rows=[])
