from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from bscp_portal.lib import periods
from governance import access, charts, exports, rules, selectors, services
from governance.forms import ContributionForm, ExpenditureForm, InvestmentForm, PressureForm
from governance.models import FinancialYear
from governance.views.common import save_or_form_page
from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD, BUSINESS_UNIT, has_role, refuse, require_role
from partnership.models import Agency
from partnership.security import log_event


def _year(request) -> FinancialYear | None:
    """The financial year asked for, else the current one, else the latest recorded."""
    years = FinancialYear.objects.for_user(request.user)
    wanted = periods.start_year_asked(request.GET.get("year"), timezone.localdate())
    return years.filter(start_year=wanted).first() or years.first()


def budget_dashboard(request):
    year = _year(request)
    context = {
        "year": year,
        "years": FinancialYear.objects.for_user(request.user),
        "can_edit": has_role(request.user, BUSINESS_UNIT),
    }
    context["can_report"] = has_role(request.user, BUSINESS_UNIT, AGENCY_LEAD, AGENCY_CONTRIBUTOR)
    trend = selectors.budget_trend(user=request.user)
    context.update(trend=trend, trend_figure=charts.budget_trend(trend) if trend else None)
    if year is not None:
        data = selectors.budget_year(year=year, user=request.user)
        context.update(data=data, lines_figure=charts.budget_lines(data) if data["lines"] else None)
    return render(request, "governance/budget_dashboard.html", context)


def budget_export(request):
    year = _year(request)
    fmt = exports.fmt_of(request)
    rows = [] if year is None else exports.budget_rows(year, selectors.budget_year(year=year, user=request.user))
    label = year.label if year else "none"
    log_event(request, "export", detail=f"governance budget {label} {fmt} ({len(rows)} rows)")
    return exports.budget_response(rows, label=label, fmt=fmt)


def _year_for_post(request) -> FinancialYear:
    start = periods.start_year_asked(request.GET.get("year"), timezone.localdate())
    return services.financial_year_get_or_create(start_year=start)


@require_role(BUSINESS_UNIT)
def contribution_add(request):
    form = ContributionForm(request.POST or None)

    def saved(c):
        if c.flag == rules.OVER_RECEIVED:
            messages.warning(
                request,
                f"Saved. {c.agency} paid more than agreed ({c.received} against {c.agreed}); the contribution is flagged.",
            )
        else:
            messages.success(request, "Contribution saved.")
        return redirect(c.year.get_absolute_url())

    return save_or_form_page(
        request,
        form,
        lambda: services.contribution_set(year=_year_for_post(request), **form.cleaned_data),
        respond=saved,
        title="Record an agency contribution",
        back="/partnership/performance/budget/",
    )


@require_role(BUSINESS_UNIT)
def expenditure_add(request):
    form = ExpenditureForm(request.POST or None)

    def save() -> FinancialYear:
        year = _year_for_post(request)
        services.expenditure_line_create(year=year, **form.cleaned_data)
        return year

    return save_or_form_page(
        request,
        form,
        save,
        success_message="Expenditure line saved.",
        redirect_to=FinancialYear.get_absolute_url,
        title="Add an expenditure line",
        back="/partnership/performance/budget/",
    )


def _agencies_for(user):
    if has_role(user, BUSINESS_UNIT):
        return Agency.objects.filter(active=True)
    if has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR) and user.agency_id:
        return Agency.objects.filter(pk=user.agency_id)
    return None


def _agency_report(request, form_class, service, title: str, done_message: str):
    agencies = _agencies_for(request.user)
    if agencies is None:
        refuse(request, "only agency leads, contributors and the business unit report budget pressures and investments")
    form = form_class(request.POST or None, agencies=agencies)

    def save() -> FinancialYear:
        agency = form.cleaned_data.pop("agency")
        if not access.can_report_budget_for(request.user, agency):
            refuse(request, "another agency's budget")
        year = _year_for_post(request)
        service(year=year, agency=agency, by=request.user, **form.cleaned_data)
        return year

    return save_or_form_page(
        request,
        form,
        save,
        success_message=done_message,
        redirect_to=FinancialYear.get_absolute_url,
        title=title,
        back="/partnership/performance/budget/",
    )


def pressure_create(request):
    return _agency_report(
        request,
        PressureForm,
        services.pressure_create,
        "Report a budget pressure that may affect safeguarding",
        "Budget pressure reported.",
    )


def investment_create(request):
    return _agency_report(
        request,
        InvestmentForm,
        services.investment_create,
        "Report an investment or improvement",
        "Investment reported.",
    )
