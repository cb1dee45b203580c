import datetime as dt
from decimal import Decimal

from django.utils import timezone

from paqa import services
from partnership.registry import registry
from scorecard.models import Measurement
from scorecard.tests.factories import IndicatorFactory


def red_figure(agency, *, code=None, value="62.0", start=dt.date(2026, 4, 1)):
    """An indicator owned by `agency` with one local figure; returns (indicator, figure ref)."""
    kwargs = {"owning_agency": agency, "name": "Strategy discussions within 24 hours"}
    if code:
        kwargs["code"] = code
    indicator = IndicatorFactory(**kwargs)
    Measurement.objects.create(
        indicator=indicator,
        period_start=start,
        period_end=dt.date(start.year, start.month, 28),
        value=Decimal(value),
        entered_at=timezone.now(),
    )
    return indicator, f"{indicator.code}:{start.isoformat()}"


def question_on(agency, paqa_user, text="Why did this fall?"):
    indicator, ref = red_figure(agency)
    figure = registry.figure(paqa_user, "indicator", ref)
    return services.question_raise(
        figure=figure, agency=agency, text=text, due_on=timezone.localdate() + dt.timedelta(days=14), by=paqa_user
    )
