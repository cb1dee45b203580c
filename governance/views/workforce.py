"""Workforce returns: agency leads enter their agency's figures for a year; PAQA reads the
partnership's summary (small numbers suppressed)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from bscp_portal.lib import periods
from bscp_portal.lib.forms import save_through_service
from governance import access, services
from governance import standards_selectors as selectors
from governance.forms import WorkforceForm
from governance.views.common import form_page
from partnership.access import BUSINESS_UNIT, has_role, refuse


def workforce_summary(request):
    today = timezone.localdate()
    years = selectors.workforce_years(user=request.user)
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    if year not in years:
        year = years[0] if years else periods.start_year_of(today) - 1
    return render(
        request,
        "governance/workforce_summary.html",
        {
            "summary": selectors.workforce_summary(user=request.user, year=year),
            "years": [(y, periods.year_label(y)) for y in years],
            "can_enter": access.can_enter_workforce(request.user),
        },
    )


def _form_years(today) -> list[int]:
    """The year just ended first (the usual return), then this year and the one before."""
    current = periods.start_year_of(today)
    return [current - 1, current, current - 2]


def workforce_enter(request):
    if not access.can_enter_workforce(request.user):
        refuse(request, "workforce return: agency leads and the business unit only")
    is_bu = has_role(request.user, BUSINESS_UNIT)
    years = _form_years(timezone.localdate())
    initial = {"year": years[0]}
    if request.method == "GET":
        initial.update(_existing(request, is_bu=is_bu, years=years))
    form = WorkforceForm(
        request.POST or None, years=years, agency=None if is_bu else request.user.agency, initial=initial
    )
    done = save_through_service(
        request,
        form,
        lambda: services.workforce_return_save(
            agency=form.cleaned_data.get("agency") or request.user.agency,
            by=request.user,
            **{k: v for k, v in form.cleaned_data.items() if k != "agency"},
        ),
        success_message=lambda row: f"Workforce return for {row.agency}, {row.year_label}, saved.",
        redirect_to=lambda row: f"{reverse('governance:workforce_summary')}?year={row.year}",
    )
    if done:
        return done
    agency = "" if is_bu else f" for {request.user.agency}"
    return form_page(request, form, title=f"Workforce return{agency}", back=reverse("governance:workforce_summary"))


def _existing(request, *, is_bu: bool, years: list[int]) -> dict:
    """The figures already entered for the year asked (?year=, and ?agency= for the business
    unit), so that a correction starts from them."""
    try:
        year = int(request.GET.get("year") or 0)
        agency_id = int(request.GET.get("agency") or 0) if is_bu else request.user.agency_id
    except ValueError:
        return {}
    if year not in years or not agency_id:
        return {}
    row = selectors.workforce_returns(user=request.user).filter(year=year, agency_id=agency_id).first()
    if row is None:
        return {"year": year, "agency": agency_id}
    return {
        "year": year,
        "agency": agency_id,
        **{name: getattr(row, name) for name in selectors.WORKFORCE_COUNTS},
        "note": row.note,
    }
