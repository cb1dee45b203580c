"""Scorecard figures PAQA can ask about (partnership.registry): an indicator's local value for
one period, referenced as "<indicator code>:<period start>"."""

import datetime as dt

from partnership.registry import Figure
from scorecard.models import Indicator, Measurement, Series
from scorecard.templatetags.scorecard_tags import figure_text as figure


def resolve(ref: str, user) -> Figure | None:
    code, _, start = ref.rpartition(":")
    try:
        period_start = dt.date.fromisoformat(start)
    except ValueError:
        return None
    indicator = Indicator.objects.for_user(user).filter(code=code).first()
    if indicator is None:
        return None
    m = Measurement.objects.filter(indicator=indicator, series=Series.LOCAL, period_start=period_start).first()
    if m is None:
        return None
    shown = figure(m.value, indicator, m.symbol)
    return Figure(
        kind="indicator",
        ref=ref,
        label=f"{indicator.name}, {m.period_start:%b %Y}: {shown}",
        url=indicator.get_absolute_url(),
        agency_id=indicator.owning_agency_id,
    )
