"""Learning from case reviews: briefings, dissemination events, practitioner feedback, the year's learning."""

from django.db.models import Count, Sum
from django.shortcuts import render
from django.utils import timezone

from bscp_portal.lib import periods
from bscp_portal.lib.forms import save_through_service
from partnership.access import refuse
from partnership.security import log_event
from reviews import charts, exports, forms, selectors, services
from reviews.models import PractitionerFeedback
from reviews.permissions import can_record_feedback
from reviews.views.common import case_or_404, form_page, manage_or_403


def briefing_add(request, pk: int):
    review = case_or_404(request, pk)
    manage_or_403(request)
    form = forms.BriefingForm(
        request.POST or None, request.FILES or None, initial={"published_on": timezone.localdate()}
    )
    done = save_through_service(
        request,
        form,
        lambda: services.briefing_add(review=review, by=request.user, **form.cleaned_data),
        success_message="The briefing was added.",
        redirect_to=review,
    )
    if done:
        return done
    return form_page(request, form, title=f"Add a learning briefing to {review.reference}", back=review)


def event_add(request, pk: int):
    review = case_or_404(request, pk)
    manage_or_403(request)
    form = forms.EventForm(request.POST or None, review=review)
    done = save_through_service(
        request,
        form,
        lambda: services.event_add(review=review, by=request.user, **form.cleaned_data),
        success_message="The dissemination event was recorded.",
        redirect_to=review,
    )
    if done:
        return done
    return form_page(request, form, title=f"Record a dissemination event for {review.reference}", back=review)


def feedback_add(request, pk: int):
    review = case_or_404(request, pk)
    if not can_record_feedback(request.user):
        refuse(request, "may not record practitioner feedback")
    form = forms.FeedbackForm(
        request.POST or None,
        review=review,
        initial={"received_on": timezone.localdate(), "agency": request.user.agency_id},
    )
    done = save_through_service(
        request,
        form,
        lambda: services.feedback_add(review=review, by=request.user, **form.cleaned_data),
        success_message="Thank you: the feedback was recorded.",
        redirect_to=review,
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=f"Practitioner feedback on {review.reference}",
        back=review,
        intro="Did the learning change practice? Record what the practitioner said, without names.",
    )


def _year(request):
    """The financial year asked for (?year=2024 is April 2024 to March 2025), else this one."""
    start, end = periods.financial_year(timezone.localdate()).dates
    year = request.GET.get("year", "")
    if year.isdigit() and 2000 <= int(year) <= 2100:
        start, end = start.replace(year=int(year)), end.replace(year=int(year) + 1)
    return start, end


def learning(request):
    """Learning disseminated in a financial year, by agency reached."""
    start, end = _year(request)
    rows = selectors.learning_by_agency(user=request.user, start=start, end=end)
    events = selectors.events_for(user=request.user).filter(held_on__gte=start, held_on__lte=end)
    totals = events.aggregate(events=Count("pk"), attendance=Sum("attendance"))
    feedback = (
        selectors.feedback_for(user=request.user)
        .filter(received_on__gte=start, received_on__lte=end)
        .order_by()
        .values("changed_practice")
        .annotate(n=Count("pk"))
    )
    labels = dict(PractitionerFeedback.Changed.choices)
    return render(
        request,
        "reviews/learning.html",
        {
            "start": start,
            "end": end,
            "rows": rows,
            "totals": totals,
            "events": events.prefetch_related("agencies_reached").order_by("-held_on")[:50],
            "feedback": [
                {"label": labels.get(f["changed_practice"], f["changed_practice"]), "n": f["n"]} for f in feedback
            ],
            "chart": charts.learning_by_agency(rows) if rows else None,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        },
    )


def learning_export(request, fmt: str):
    start, end = _year(request)
    rows = selectors.learning_by_agency(user=request.user, start=start, end=end)
    response = exports.learning_response(rows, year=start.year, fmt=fmt)
    log_event(request, "export", detail=f"review learning {fmt} {start.year}")
    return response
