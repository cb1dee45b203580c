"""How effective is the partnership: members' annual rating and practitioner feedback."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from bscp_portal.lib.forms import act_through_service, save_or_render, save_through_service
from governance import access, charts, rules, selectors, voice_services
from governance.forms import FEEDBACK_SALT, FeedbackForm, SurveyAnswerForm
from governance.models import FeedbackCampaign, RatingSurvey, SurveyResponse
from partnership.access import BUSINESS_UNIT, get_visible_or_404, refuse, require_role
from partnership.security import client_ip


def survey_list(request):
    surveys = RatingSurvey.objects.for_user(request.user)
    answered = set(SurveyResponse.objects.filter(respondent=request.user).values_list("survey_id", flat=True))
    return render(
        request,
        "governance/survey_list.html",
        {
            "surveys": surveys,
            "answered": answered,
            "is_member": voice_services.is_member(request.user),
            "campaigns": FeedbackCampaign.objects.for_user(request.user),
            "reads_feedback": access.reads_feedback(request.user),
        },
    )


@require_role(BUSINESS_UNIT)
def survey_open(request):
    return act_through_service(
        request,
        lambda: voice_services.survey_open(year=timezone.localdate().year),
        success_message=lambda survey: f"{survey} is open to members.",
        redirect_to="governance:survey_list",
    )


def survey_detail(request, pk: int):
    """Answer the survey (once), or see that you already have; results when enough answered."""
    survey = get_visible_or_404(RatingSurvey.objects.all(), request.user, request, pk=pk)
    answered = SurveyResponse.objects.filter(survey=survey, respondent=request.user).exists()
    can_answer = survey.status == RatingSurvey.Status.OPEN and not answered and voice_services.is_member(request.user)
    form = (
        SurveyAnswerForm(request.POST or None, questions=survey.questions.all())
        if can_answer or request.method == "POST"
        else None
    )
    status = 200
    if request.method == "POST":
        if answered:
            messages.error(request, "You have already answered this survey; your first answer is kept.")
            return redirect(survey)
        done = save_through_service(
            request,
            form,
            lambda: voice_services.survey_answer(survey=survey, respondent=request.user, answers=form.answers()),
            success_message="Thank you: your rating has been recorded.",
            redirect_to=survey,
        )
        if done:
            return done
        status = 400
    results = selectors.survey_results(survey=survey)
    return render(
        request,
        "governance/survey_detail.html",
        {
            "survey": survey,
            "form": form,
            "answered": answered,
            "can_answer": can_answer,
            "results": results,
            "figure": charts.survey_distribution(results) if results["visible"] else None,
        },
        status=status,
    )


@require_role(BUSINESS_UNIT)
def campaign_open(request):
    title = request.POST.get("title", "").strip() or f"Practitioner feedback {timezone.localdate():%B %Y}"
    return act_through_service(
        request,
        lambda: voice_services.campaign_open(title=title),
        success_message=f"Campaign “{title}” is open; any earlier campaign has closed.",
        redirect_to="governance:survey_list",
        refused_prefix="The campaign was not opened: ",
    )


def feedback_results(request, pk: int):
    campaign = get_visible_or_404(FeedbackCampaign.objects.all(), request.user, request, pk=pk)
    if not access.reads_feedback(request.user):
        refuse(request, "practitioner feedback results")
    return render(
        request,
        "governance/feedback_results.html",
        {"campaign": campaign, "results": selectors.feedback_results(campaign=campaign)},
    )


# --- the public form -------------------------------------------------------------------------


def _rate_key(request) -> str:
    return f"governance:feedback:{client_ip(request) or 'unknown'}"


def _limited(request) -> bool:
    """Count this address's submissions in the window (Django's cache); True once over the limit."""
    limit = int(getattr(settings, "GOVERNANCE_FEEDBACK_RATE_LIMIT", 5))
    window = int(getattr(settings, "GOVERNANCE_FEEDBACK_RATE_WINDOW", 3600))
    key = _rate_key(request)
    try:
        cache.add(key, 0, window)
        count = cache.incr(key)
    except Exception:  # a cache outage must not turn the form into a 500
        return False
    return rules.over_rate_limit(count - 1, limit)


def _elapsed(form_token: str) -> float | None:
    """Seconds since the form was served, from its signed start time; None if missing or forged."""
    max_age = int(getattr(settings, "GOVERNANCE_FEEDBACK_MAX_AGE", 86400))
    try:
        started = float(signing.loads(form_token or "", salt=FEEDBACK_SALT, max_age=max_age))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return time.time() - started


@login_not_required
@never_cache
def feedback_public(request):
    """The practitioner feedback form of the one open campaign: no login, no name.

    Rate-limited per address; a bot caught by the honeypot or the time check is thanked and
    nothing is stored.
    """
    campaign = FeedbackCampaign.objects.filter(is_open=True).first()
    if campaign is None:
        return render(
            request,
            "governance/public_message.html",
            {
                "title": "No feedback campaign is open",
                "message": "There is no practitioner feedback campaign open at the moment. Thank you for your interest.",
            },
        )
    questions = list(campaign.questions.all())
    if request.method != "POST":
        return render(
            request,
            "governance/feedback_public.html",
            {"campaign": campaign, "form": FeedbackForm(questions=questions)},
        )
    if _limited(request):
        return render(
            request,
            "governance/public_message.html",
            {
                "title": "Too many submissions",
                "message": "We have received several answers from your network in the last hour. Please try again later.",
            },
            status=429,
        )
    form = FeedbackForm(request.POST, questions=questions)
    min_seconds = float(getattr(settings, "GOVERNANCE_FEEDBACK_MIN_SECONDS", 3))
    if request.POST.get("website", "").strip():
        return redirect("governance:feedback_thanks")  # honeypot: thanked, nothing stored
    # A person who missed a question sees what to correct; only a complete form is time-checked.
    if form.is_valid() and rules.looks_like_a_bot(
        honeypot="", elapsed_seconds=_elapsed(request.POST.get("started", "")), min_seconds=min_seconds
    ):
        return redirect("governance:feedback_thanks")
    return save_or_render(
        request,
        form,
        lambda: voice_services.feedback_submit(
            campaign=campaign,
            agency_kind=form.cleaned_data["agency_kind"],
            role=form.cleaned_data["role"],
            answers=form.answers(),
        ),
        redirect_to="governance:feedback_thanks",
        template="governance/feedback_public.html",
        context={"campaign": campaign},
        status=400,
    )


@login_not_required
def feedback_thanks(request):
    return render(
        request,
        "governance/public_message.html",
        {
            "title": "Thank you",
            "message": "Your feedback has been received. It is anonymous and will be read by the partnership.",
        },
    )
