"""The business unit's indicator settings: edit an indicator, add one, and say who submits it."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST

from bscp_portal.lib.forms import act_through_service, save_or_render
from partnership.access import refuse
from scorecard import permissions, selectors, services
from scorecard.models import Indicator
from scorecard.settings_forms import LABELS, IndicatorSettingsForm, NewIndicatorForm, SubmitterForm
from scorecard.views import indicator_or_404

STALE_MESSAGE = (
    "Someone else changed this indicator's settings while you were working on them, so your changes "
    "were not saved. What you typed is kept below: check it against the history of changes and save again."
)


def _managed_indicator(request, code: str) -> Indicator:
    indicator = indicator_or_404(request, code)
    if not permissions.can_manage_catalogue(request.user):
        refuse(request, "may not change indicator settings")
    return indicator


def _current(indicator: Indicator) -> dict:
    initial = {name: getattr(indicator, name) for name in services.SETTING_FIELDS}
    for name in ("owning_agency", "outcome_area", "qa_quadrant"):
        initial[name] = getattr(indicator, f"{name}_id")
    initial["risk_themes"] = list(indicator.risk_themes.values_list("pk", flat=True))
    initial["version"] = indicator.version
    return initial


def indicator_settings(request, code: str):
    """Change an indicator's name, definition, unit, direction, reporting, ownership and flags."""
    indicator = _managed_indicator(request, code)
    form = IndicatorSettingsForm(request.POST or None, initial=_current(indicator))
    return save_or_render(
        request,
        form,
        lambda: services.indicator_update(
            indicator=indicator, by=request.user, version=form.cleaned_data["version"], **form.settings()
        ),
        success_message="The indicator's settings were saved.",
        redirect_to=indicator,
        stale_message=STALE_MESSAGE,
        current_version=indicator,
        template="scorecard/indicator_settings.html",
        context=lambda: {
            "indicator": indicator,
            "submitters": selectors.submitters_of(indicator=indicator),
            "history": selectors.settings_history(indicator=indicator, labels=LABELS),
        },
    )


def indicator_new(request):
    """Add an indicator to the scorecard."""
    if not permissions.can_manage_catalogue(request.user):
        refuse(request, "may not add indicators")
    form = NewIndicatorForm(request.POST or None)
    return save_or_render(
        request,
        form,
        lambda: services.indicator_create(by=request.user, code=form.cleaned_data["code"], **form.settings()),
        success_message=lambda new: (
            f"Added “{new.name}” ({new.code}). Set its target and its submitting agencies next."
        ),
        redirect_to=lambda new: reverse("scorecard:indicator_settings", kwargs={"code": new.code}),
        template="scorecard/indicator_new.html",
    )


def submitters(request, code: str):
    """The agencies that submit this indicator's figures; add one or change its responsible person."""
    indicator = _managed_indicator(request, code)
    form = SubmitterForm(request.POST or None)
    return save_or_render(
        request,
        form,
        lambda: services.submitter_set(indicator=indicator, by=request.user, **form.cleaned_data),
        success_message=lambda s: (
            f"{s.agency.name} submits this indicator's figures"
            + (f"; {s.responsible.get_full_name() or s.responsible.username} is responsible." if s.responsible else ".")
        ),
        redirect_to=reverse("scorecard:submitters", kwargs={"code": indicator.code}),
        template="scorecard/submitters.html",
        context=lambda: {"indicator": indicator, "submitters": selectors.submitters_of(indicator=indicator)},
    )


@require_POST
def submitter_remove(request, code: str, pk: int):
    """Stop an agency submitting this indicator (its returns so far are kept)."""
    indicator = _managed_indicator(request, code)
    submitter = get_object_or_404(indicator.submitters.select_related("agency"), pk=pk, active=True)
    return act_through_service(
        request,
        lambda: services.submitter_remove(submitter=submitter, by=request.user),
        success_message=f"{submitter.agency.name} no longer submits this indicator. Its returns so far are kept.",
        redirect_to=reverse("scorecard:submitters", kwargs={"code": indicator.code}),
    )
