"""The data calendar's pages: a contributor's returns due, and entering one agency's figure."""

import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from bscp_portal.lib.forms import save_or_render
from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD, BUSINESS_UNIT, has_role, refuse
from scorecard import calendar, permissions, selectors, services
from scorecard.forms import AgencyReturnForm
from scorecard.models import AgencyReturn
from scorecard.views import indicator_or_404


def returns_due(request):
    """What the user's agency owes: each figure, its due date and where it stands."""
    today = timezone.localdate()
    return render(
        request,
        "scorecard/returns_due.html",
        {
            "rows": selectors.returns_due(user=request.user, today=today),
            "may_enter": has_role(request.user, AGENCY_LEAD, AGENCY_CONTRIBUTOR, BUSINESS_UNIT),
        },
    )


def return_enter(request, code: str, period: str):
    """Enter (or correct) the user's agency's figure for one period of an indicator."""
    indicator = indicator_or_404(request, code)
    try:
        start, end = calendar.period_containing(indicator.frequency, dt.date.fromisoformat(period))
    except ValueError as exc:
        raise Http404("No such period") from exc
    if start.isoformat() != period:
        raise Http404("No such period")
    if not permissions.can_enter_return(request.user, indicator):
        refuse(request, f"may not enter a return for {indicator.code}")
    existing = AgencyReturn.objects.filter(
        indicator=indicator, agency_id=request.user.agency_id, period_start=start
    ).first()
    initial = {}
    if existing is not None:
        initial = {"numerator": existing.numerator, "denominator": existing.denominator, "note": existing.note}
    form = AgencyReturnForm(request.POST or None, initial=initial, indicator=indicator)

    def save():
        data = form.cleaned_data
        return services.agency_return_submit(
            indicator=indicator,
            agency=request.user.agency,
            period_start=start,
            numerator=data["numerator"],
            denominator=data.get("denominator"),
            note=data["note"],
            by=request.user,
        )

    def said(saved) -> str:
        late = f" It was {saved.days_late} day{'s' if saved.days_late != 1 else ''} late." if saved.days_late else ""
        return f"Saved {indicator.name} for {start:%B %Y}.{late}"

    return save_or_render(
        request,
        form,
        save,
        success_message=said,
        redirect_to=reverse("scorecard:returns_due"),
        template="scorecard/return_form.html",
        context=lambda: {
            "indicator": indicator,
            "period_start": start,
            "period_end": end,
            "due_on": calendar.due_date(end, indicator.due_days),
            "existing": existing,
        },
        status=lambda: 400 if form.errors else 200,
    )
