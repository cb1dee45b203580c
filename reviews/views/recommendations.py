"""Recommendations on case and themed reviews: add, read, close, reopen, list, export."""

from django.shortcuts import render
from django.views.decorators.http import require_POST

from actions.selectors import actions_for_source
from bscp_portal.lib.forms import act_through_service
from bscp_portal.lib.paging import render_paged
from partnership.access import get_visible_or_404
from partnership.security import log_event
from reviews import charts, exports, forms, selectors, services
from reviews.models import Recommendation
from reviews.permissions import can_manage_reviews
from reviews.views.common import PAGE_SIZE, manage_or_403, on_case_and_themed, save_or_form_page


def add_recommendation(request, *, review, back, **which):
    manage_or_403(request)
    form = forms.RecommendationForm(request.POST or None)
    return save_or_form_page(
        request,
        form,
        lambda: services.recommendation_add(by=request.user, **form.cleaned_data, **which),
        success_message=lambda rec: f"Recommendation {rec.number} was added. Now turn it into SMART actions.",
        title=f"Add a recommendation to {review}",
        back=back,
    )


case_recommendation_add, themed_recommendation_add = on_case_and_themed(add_recommendation)


def recommendation_detail(request, pk: int):
    rec = get_visible_or_404(
        Recommendation.objects.select_related("case_review", "themed_review", "agency"), request.user, request, pk=pk
    )
    plan = actions_for_source(source=rec, user=request.user)
    return render(
        request,
        "reviews/recommendation_detail.html",
        {
            "rec": rec,
            "plan": plan,
            "review_visible": rec.review.__class__.objects.for_user(request.user).filter(pk=rec.review.pk).exists(),
            "can_manage": can_manage_reviews(request.user),
            "close_form": forms.CloseForm(),
        },
    )


@require_POST
def recommendation_close(request, pk: int):
    rec = get_visible_or_404(Recommendation.objects.all(), request.user, request, pk=pk)
    manage_or_403(request)
    form = forms.CloseForm(request.POST)
    form.is_valid()
    return act_through_service(
        request,
        lambda: services.recommendation_close(
            recommendation=rec, by=request.user, note=form.cleaned_data.get("note", "")
        ),
        success_message=f"Recommendation {rec.number} was closed.",
        redirect_to=rec,
        refused_prefix="This recommendation cannot be closed yet. ",
    )


@require_POST
def recommendation_reopen(request, pk: int):
    rec = get_visible_or_404(Recommendation.objects.all(), request.user, request, pk=pk)
    manage_or_403(request)
    return act_through_service(
        request,
        lambda: services.recommendation_reopen(recommendation=rec, by=request.user),
        success_message=f"Recommendation {rec.number} was reopened.",
        redirect_to=rec,
    )


def recommendation_list(request):
    """Outstanding recommendations by agency and by review, and the list itself."""
    filterset = selectors.recommendation_list(user=request.user, data=request.GET)
    qs = filterset.qs
    visible = selectors.recommendations_for(user=request.user)
    by_agency = selectors.outstanding_by_agency(visible)
    return render_paged(
        request,
        "reviews/recommendation_list.html",
        qs,
        PAGE_SIZE,
        {
            "filter": filterset,
            "by_agency": by_agency,
            "by_review": selectors.outstanding_by_review(visible),
            "chart": charts.outstanding_by_agency(by_agency) if by_agency else None,
        },
    )


def recommendation_export(request, fmt: str):
    qs = selectors.recommendation_list(user=request.user, data=request.GET).qs
    response = exports.recommendation_response(qs, fmt=fmt)
    log_event(request, "export", detail=f"review recommendations {fmt} {request.GET.urlencode()}"[:500])
    return response
