"""Learning from case reviews: briefings, dissemination events, practitioner feedback, the year's learning."""

from django.shortcuts import render
from django.utils import timezone

from bscp_portal.lib import periods
from bscp_portal.lib.form_pages import FormPage
from partnership.access import refuse
from partnership.security import log_event
from reviews import charts, exports, forms, selectors, services
from reviews.permissions import can_record_feedback
from reviews.views.common import add_to_review, case_or_404, manage_or_403

# What each page adds to a case review, through which service, in which words.
BRIEFING = FormPage(
    forms.BriefingForm,
    services.briefing_add,
    "review",
    "The briefing was added.",
    {"title": "Add a learning briefing to {review.reference}"},
)
EVENT = FormPage(
    forms.EventForm,
    services.event_add,
    "review",
    "The dissemination event was recorded.",
    {"title": "Record a dissemination event for {review.reference}"},
)
FEEDBACK = FormPage(
    forms.FeedbackForm,
    services.feedback_add,
    "review",
    "Thank you: the feedback was recorded.",
    {
        "title": "Practitioner feedback on {review.reference}",
        "intro": "Did the learning change practice? Record what the practitioner said, without names.",
    },
)


def briefing_add(request, pk: int):
    review = case_or_404(request, pk)
    manage_or_403(request)
    return add_to_review(
        request, BRIEFING, review, files=request.FILES or None, initial={"published_on": timezone.localdate()}
    )


def event_add(request, pk: int):
    review = case_or_404(request, pk)
    manage_or_403(request)
    return add_to_review(request, EVENT, review, form_options={"review": review})


def feedback_add(request, pk: int):
    review = case_or_404(request, pk)
    if not can_record_feedback(request.user):
        refuse(request, "may not record practitioner feedback")
    initial = {"received_on": timezone.localdate(), "agency": request.user.agency_id}
    return add_to_review(request, FEEDBACK, review, form_options={"review": review}, initial=initial)


def _year(request) -> periods.FinancialYear:
    """The financial year asked for (?year=2024 is April 2024 to March 2025), else this one."""
    return periods.FinancialYear(periods.start_year_asked(request.GET.get("year"), timezone.localdate()))


def learning(request):
    """Learning disseminated in a financial year, by agency reached."""
    start, end = _year(request).dates
    context = selectors.learning_year(user=request.user, start=start, end=end)
    context.update(
        start=start,
        end=end,
        chart=charts.learning_by_agency(context["rows"]) if context["rows"] else None,
        years=range(timezone.localdate().year, timezone.localdate().year - 6, -1),
    )
    return render(request, "reviews/learning.html", context)


def learning_export(request, fmt: str):
    start, end = _year(request).dates
    rows = selectors.learning_by_agency(user=request.user, start=start, end=end)
    response = exports.learning_response(rows, year=start.year, fmt=fmt)
    log_event(request, "export", detail=f"review learning {fmt} {start.year}")
    return response
