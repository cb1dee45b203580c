"""The reviews dashboard and case reviews: list, export, record, read, edit, decide."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone

from bscp_portal.lib.paging import paged
from partnership.security import log_event
from reviews import charts, exports, forms, selectors, services
from reviews.models import CaseReview, ThemedReview
from reviews.permissions import can_manage_reviews, can_record_feedback
from reviews.views.common import PAGE_SIZE, STALE, ReviewPages, case_or_404, manage_or_403, save_or_form_page

CASE_PAGES = ReviewPages(
    forms.CaseReviewForm,
    services.case_review_create,
    services.case_review_update,
    services.CASE_FIELDS,
    "Edit {review.reference}",
    "The review was saved.",
)


def _since(request):
    """The first day of the timescales' period from `?since=YYYY-MM-DD`; None (every review)
    when not given, or when the date is not understood (said on the page)."""
    given = request.GET.get("since", "").strip()
    if not given:
        return None
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        messages.warning(request, f"“{given[:20]}” is not a date (write it as 2026-04-01): every review is counted.")
        return None


def index(request):
    """Case reviews by status and kind, with compliance against the national timescales (of
    every review, or of those begun since a date: the dashboard's last 12 months)."""
    visible = CaseReview.objects.for_user(request.user)
    table = selectors.status_kind_table(visible)
    today = timezone.localdate()
    since = _since(request)
    compliance = selectors.compliance_rows(visible, today, since=since)
    context = {
        "table": table,
        "compliance": compliance,
        "since": since,
        "last_year_from": selectors.timescales_since(today),
        "can_manage": can_manage_reviews(request.user),
        "status_chart": charts.status_by_kind(table) if table["total"] else None,
        "compliance_chart": charts.compliance(compliance) if any(r["done"] for r in compliance) else None,
        "themed_count": ThemedReview.objects.for_user(request.user).count(),
    }
    return render(request, "reviews/index.html", context)


def case_list(request):
    filterset = selectors.case_review_list(user=request.user, data=request.GET)
    page, query = paged(request, filterset.qs.prefetch_related("agencies"), PAGE_SIZE)
    today = timezone.localdate()
    rows = [{"review": r, "steps": {s.step: s for s in r.timeline(today)}} for r in page]
    return render(
        request,
        "reviews/case_list.html",
        {
            "filter": filterset,
            "page": page,
            "rows": rows,
            "query": query,
            "can_manage": can_manage_reviews(request.user),
        },
    )


def case_export(request, fmt: str):
    filterset = selectors.case_review_list(user=request.user, data=request.GET)
    reviews = filterset.qs.prefetch_related("agencies")
    response = exports.case_review_response(reviews, timezone.localdate(), fmt=fmt)
    log_event(request, "export", detail=f"case reviews {fmt} {request.GET.urlencode()}"[:500])
    return response


case_create = CASE_PAGES.create_view(
    initial={"status": CaseReview.Status.NOTIFIED},
    success_message=lambda review: f"Case review {review.reference} was recorded.",
    title="Record a case review",
    back=("reviews:case_list", None),
    intro="Start from the serious incident notification: give the date the partnership became aware; "
    "the national timescales are worked out from it in working days.",
)


def case_detail(request, pk: int):
    review = case_or_404(request, pk)
    context = selectors.case_review_detail(review=review, user=request.user)
    context.update(
        {
            "review": review,
            "steps": review.timeline(),
            "can_manage": can_manage_reviews(request.user),
            "can_feedback": can_record_feedback(request.user),
        }
    )
    return render(request, "reviews/case_detail.html", context)


case_edit = CASE_PAGES.edit_view(case_or_404)


def case_decide(request, pk: int):
    review = case_or_404(request, pk)
    manage_or_403(request)
    initial = {
        "decision": review.decision,
        "decided_by": review.decided_by,
        "decided_on": review.decided_on or timezone.localdate(),
        "decision_reason": review.decision_reason,
        "panel_view": review.panel_view,
        "version": review.version,
    }
    form = forms.DecisionForm(request.POST or None, initial=initial)
    return save_or_form_page(
        request,
        form,
        lambda: services.case_review_decide(review=review, by=request.user, **form.cleaned_data),
        success_message="The decision was recorded.",
        redirect_to=review,
        stale_message=STALE,
        current_version=review,
        title=f"Decision for {review.reference}",
        intro="Does the case meet the criteria for a local child safeguarding practice review? Record who decided, "
        "when and why, and the national panel's view where it has been given.",
        submit="Record the decision",
    )
