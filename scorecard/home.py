"""The scorecard panel on a person's home page: what needs them now."""

from datetime import date, timedelta

from django.utils import timezone

from partnership.access import is_business_unit, sees_all_agencies
from scorecard import permissions, selectors
from scorecard.models import ImportBatch, Indicator
from scorecard.rules import period_kind
from scorecard.summary import current_tiles

#: A figure is due once its period has been over for this long.
GRACE = timedelta(days=20)


def _last_complete_end(frequency: str, today: date) -> date:
    """End of the latest period of this frequency that ended at least GRACE ago."""
    day = today - GRACE
    if frequency == "monthly":
        return day.replace(day=1) - timedelta(days=1)
    if frequency == "quarterly":
        first_month = ((day.month - 1) // 3) * 3 + 1  # calendar quarters: Jan, Apr, Jul, Oct
        return day.replace(month=first_month, day=1) - timedelta(days=1)
    year = day.year if day.month > 3 else day.year - 1
    return date(year, 3, 31)


def figures_due(*, user, today: date | None = None) -> list[Indicator]:
    """Indicators the user's agency owns whose latest period has no local figure yet."""
    today = today or timezone.localdate()
    if user.agency_id is None:
        return []
    owned = {i.pk: i for i in Indicator.objects.active().filter(owning_agency_id=user.agency_id)}
    if not owned:
        return []
    latest: dict[int, date] = {}
    from scorecard.models import Measurement

    for indicator_id, start, end in Measurement.objects.filter(
        indicator_id__in=owned, series="local", period_end__lte=today
    ).values_list("indicator_id", "period_start", "period_end"):
        if period_kind(start, end) == owned[indicator_id].frequency and end > latest.get(indicator_id, date.min):
            latest[indicator_id] = end
    return [i for i in owned.values() if latest.get(i.pk, date.min) < _last_complete_end(i.frequency, today)]


def render(user):
    """Waiting imports (business unit), figures due (owning agencies), RAG counts (all-agency roles)."""
    context = {}
    if is_business_unit(user):
        context["waiting"] = ImportBatch.objects.filter(status=ImportBatch.Status.PREVIEW, uploaded_by=user).count()
    if permissions.can_import_measurements(user) and not is_business_unit(user):
        context["due"] = figures_due(user=user)
    if sees_all_agencies(user):
        context["tiles"] = current_tiles(
            selectors.in_year(selectors.indicator_list(user=user), timezone.localdate()), named=0
        )
    if not any(context.values()):
        return None
    return "scorecard/includes/home_panel.html", context
