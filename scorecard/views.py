"""Scorecard pages: each view resolves access, parses a form, calls one service, redirects."""

from django.shortcuts import render

from partnership.access import get_visible_or_404
from scorecard.models import Indicator, Measurement


def index(request):
    indicators = Indicator.objects.for_user(request.user).active().select_related("owning_agency")
    return render(request, "scorecard/index.html", {"indicators": indicators})


def indicator_detail(request, code: str):
    indicator = get_visible_or_404(Indicator.objects.select_related("owning_agency"), request.user, request, code=code)
    measurements = Measurement.objects.filter(indicator=indicator).order_by("series", "period_start")
    return render(request, "scorecard/indicator_detail.html", {"indicator": indicator, "measurements": measurements})
