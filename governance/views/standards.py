"""Training against the partnership's own standards: the standards page, a course's assessment,
and the 3-month follow-up on impact on practice (one-time link or entered from paper)."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from bscp_portal.lib import periods
from governance import services
from governance import standards_selectors as selectors
from governance.forms import CourseAssessmentForm
from governance.models import Course, TrainingSession
from governance.views.common import answer_by_link, answers_typed_in, save_or_form_page
from partnership.access import BUSINESS_UNIT, get_visible_or_404, has_role, require_role


def standards_page(request):
    """The training standards, their criteria, and how the year's courses measured up."""
    today = timezone.localdate()
    years = periods.recent_years(today, count=4)
    start_year = periods.start_year_asked(request.GET.get("year"), today)
    if start_year not in {y.start_year for y in years}:
        start_year = years[0].start_year
    return render(
        request,
        "governance/standards.html",
        {
            "standards": selectors.standards(user=request.user),
            "years": years,
            "year": periods.FinancialYear(start_year),
            "stages": selectors.stage_figures(
                user=request.user, sessions=selectors.sessions_in_year(user=request.user, start_year=start_year)
            ),
            "courses": selectors.course_scores(user=request.user),
        },
    )


def course_detail(request, pk: int):
    course = get_visible_or_404(Course.objects.all(), request.user, request, pk=pk)
    sessions = TrainingSession.objects.for_user(request.user).filter(course=course)
    return render(
        request,
        "governance/course_detail.html",
        {
            "course": course,
            "assessment": selectors.course_assessment(user=request.user, course=course),
            "stages": selectors.stage_figures(user=request.user, sessions=sessions),
            "sessions": sessions[:20],
            "is_bu": has_role(request.user, BUSINESS_UNIT),
        },
    )


@require_role(BUSINESS_UNIT)
def course_assess(request, pk: int):
    course = get_visible_or_404(Course.objects.all(), request.user, request, pk=pk)
    rows = selectors.course_assessment(user=request.user, course=course)
    initial = {}
    for row in rows:
        if row["assessment"]:
            initial[f"met_{row['criterion'].pk}"] = "yes" if row["assessment"].met else "no"
            initial[f"note_{row['criterion'].pk}"] = row["assessment"].note
    form = CourseAssessmentForm(request.POST or None, criteria=[r["criterion"] for r in rows], initial=initial)
    return save_or_form_page(
        request,
        form,
        lambda: services.course_assess(course=course, by=request.user, judgements=form.judgements()),
        success_message="Assessment saved.",
        redirect_to=course,
        title=f"Assess {course} against the training standards",
    )


@require_role(BUSINESS_UNIT)
def follow_up_enter(request, pk: int):
    session = get_visible_or_404(TrainingSession.objects.select_related("course"), request.user, request, pk=pk)
    return answers_typed_in(
        request,
        session,
        "follow-up",
        success_message="Follow-up saved.",
        title=f"Enter a 3-month follow-up — {session}",
    )


@login_not_required
@never_cache
def follow_up(request, token: str):
    """The 3-month follow-up link for each person who attended (their evaluation link's token): no login."""
    return answer_by_link(request, token, "follow-up")
