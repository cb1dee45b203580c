from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from bscp_portal.lib.forms import save_or_render
from governance import charts, exports, selectors, services, standards_selectors
from governance.forms import EvaluationForm, PlacesForm
from governance.models import Evaluation, StandardCriterion, TrainingPlace, TrainingSession
from governance.rules import follow_up_due
from governance.views.common import save_or_form_page
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


def _end_criteria(user) -> list[StandardCriterion]:
    return standards_selectors.criteria_for(user=user, stage=StandardCriterion.Stage.END)


@require_role(BUSINESS_UNIT)
def places_add(request, pk: int):
    session = get_visible_or_404(TrainingSession.objects.select_related("course"), request.user, request, pk=pk)
    form = PlacesForm(request.POST or None)
    return save_or_form_page(
        request,
        form,
        lambda: services.places_add(session=session, **form.cleaned_data),
        success_message="Attendance recorded.",
        redirect_to=session,
        title=f"Record attendance — {session}",
    )


@require_role(BUSINESS_UNIT)
def evaluation_enter(request, pk: int):
    session = get_visible_or_404(TrainingSession.objects.select_related("course"), request.user, request, pk=pk)
    form = EvaluationForm(request.POST or None, criteria=_end_criteria(request.user))
    return save_or_form_page(
        request,
        form,
        lambda: services.evaluation_create(session=session, answers=form.answers(), **form.other_data()),
        success_message="Evaluation saved.",
        redirect_to=session,
        title=f"Enter an evaluation — {session}",
    )


@login_not_required
@never_cache
def evaluate(request, token: str):
    """The one-time evaluation link given to each person who attended: no login."""
    place = TrainingPlace.objects.select_related("session__course").filter(evaluation_token=token).first()
    if place is None:
        return render(
            request,
            "governance/public_message.html",
            {
                "title": "Link not recognised",
                "message": "This evaluation link is not valid. Please check the link you were sent.",
            },
            status=404,
        )
    if Evaluation.objects.filter(place=place).exists():
        return render(
            request,
            "governance/public_message.html",
            {
                "title": "Already answered",
                "message": "This evaluation link has already been used. Thank you for your feedback.",
            },
            status=410,
        )
    form = EvaluationForm(request.POST or None, criteria=StandardCriterion.objects.filter(stage="end"))
    return save_or_render(
        request,
        form,
        lambda: services.evaluation_create(
            session=place.session, place=place, answers=form.answers(), **form.other_data()
        ),
        respond=lambda _: render(
            request,
            "governance/public_message.html",
            {"title": "Thank you", "message": "Your evaluation has been recorded."},
        ),
        template="governance/evaluate.html",
        context={"session": place.session},
        status=lambda: 400 if form.errors else 200,
    )


def training_export(request):
    fmt = exports.fmt_of(request)
    places = list(selectors.training_places(user=request.user))
    log_event(request, "export", detail=f"governance training attendance {fmt} ({len(places)} rows)")
    return exports.training_response(places, fmt=fmt)
