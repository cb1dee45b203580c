"""Themed reviews: list, record, read, edit, stakeholders consulted."""

from django.shortcuts import render

from bscp_portal.lib.form_pages import FormPage
from reviews import forms, selectors, services
from reviews.models import ThemedReview
from reviews.permissions import can_manage_reviews
from reviews.views.common import ReviewPages, add_to_review, manage_or_403, themed_or_404

THEMED_PAGES = ReviewPages(
    forms.ThemedReviewForm,
    services.themed_review_create,
    services.themed_review_update,
    services.THEMED_FIELDS,
    "Edit the themed review: {review.theme}",
    "The themed review was saved.",
    lists=("methodologies", "agencies", "themes"),
)

CONSULTATION = FormPage(
    forms.ConsultationForm,
    services.consultation_add,
    "review",
    "The consultation was recorded.",
    {
        "title": "Stakeholders consulted: {review.theme}",
        "intro": "Record who was consulted as a group and a count: never names.",
    },
)


def themed_list(request):
    return render(
        request,
        "reviews/themed_list.html",
        {"reviews": selectors.themed_review_list(user=request.user), "can_manage": can_manage_reviews(request.user)},
    )


themed_create = THEMED_PAGES.create_view(
    initial={"status": ThemedReview.Status.PROPOSED},
    success_message="The themed review was recorded.",
    title="Record a themed review",
    back=("reviews:themed_list", None),
)


def themed_detail(request, pk: int):
    review = themed_or_404(request, pk)
    return THEMED_PAGES.detail_page(
        request,
        review,
        "reviews/themed_detail.html",
        consultations=list(review.consultations.all()),
        recommendations=list(selectors.recommendations_for(user=request.user).filter(themed_review=review)),
        attachments=list(review.attachments.all()),
    )


themed_edit = THEMED_PAGES.edit_view(themed_or_404)


def consultation_add(request, pk: int):
    review = themed_or_404(request, pk)
    manage_or_403(request)
    return add_to_review(request, CONSULTATION, review)
