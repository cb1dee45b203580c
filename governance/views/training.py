from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from bscp_portal.lib.form_pages import FormPage
from governance import charts, exports, selectors, services, standards_selectors
from governance.forms import PlacesForm
from governance.models import TrainingPlace, TrainingSession
from governance.rules import follow_up_due
from governance.views.common import answer_by_link, answers_typed_in, save_or_form_page
from partnership.access import BUSINESS_UNIT, get_visible_or_404, has_role, require_role
from partnership.security import log_event


def training_dashboard(request):
    reach = selectors.training_reach(user=request.user)
    quality = selectors.training_quality(user=request.user)
    sessions = TrainingSession.objects.for_user(request.user).select_related("course")[:12]
    return render(
        request,
        "governance/training_dashboard.html",
        {
            "reach": reach,
            "quality": quality,
            "sessions": sessions,
            "reach_figure": charts.training_reach(reach) if reach["rows"] else None,
            "quality_figure": charts.training_quality(quality) if quality else None,
        },
    )


def session_detail(request, pk: int):
    session = get_visible_or_404(TrainingSession.objects.select_related("course"), request.user, request, pk=pk)
    places = list(
        TrainingPlace.objects.for_user(request.user)
        .filter(session=session)
        .select_related("agency", "evaluation", "follow_up")
    )
    is_bu = has_role(request.user, BUSINESS_UNIT)
    due = follow_up_due(session.held_on)
    return render(
        request,
        "governance/session_detail.html",
        {
            "session": session,
            "places": places,
            "is_bu": is_bu,
            "taken": session.places_taken.count(),
            "evaluations": session.evaluations.count(),
            "places_form": PlacesForm() if is_bu else None,
            "stages": standards_selectors.stage_figures(
                user=request.user, sessions=TrainingSession.objects.filter(pk=session.pk)
            ),
            "follow_up_due": due,
            "follow_up_open": timezone.localdate() >= due,
        },
    )


PLACES = FormPage(
    PlacesForm,
    services.places_add,
    "session",
    "Attendance recorded.",
    {"title": "Record attendance — {session}"},
    person_as=None,
)


@require_role(BUSINESS_UNIT)
def places_add(request, pk: int):
    session = get_visible_or_404(TrainingSession.objects.select_related("course"), request.user, request, pk=pk)
    return PLACES.serve(request, session, page=save_or_form_page, data=request.POST or None)


@require_role(BUSINESS_UNIT)
def evaluation_enter(request, pk: int):
    session = get_visible_or_404(TrainingSession.objects.select_related("course"), request.user, request, pk=pk)
    return answers_typed_in(
        request, session, "evaluation", success_message="Evaluation saved.", title=f"Enter an evaluation — {session}"
    )


@login_not_required
@never_cache
def evaluate(request, token: str):
    """The one-time evaluation link given to each person who attended: no login."""
    return answer_by_link(request, token, "evaluation")


def training_export(request):
    fmt = exports.fmt_of(request)
    places = list(selectors.training_places(user=request.user))
    log_event(request, "export", detail=f"governance training attendance {fmt} ({len(places)} rows)")
    return exports.training_response(places, fmt=fmt)
