"""Themed reviews: list, record, read, edit, stakeholders consulted."""

from django.shortcuts import render

from bscp_portal.lib.form_pages import FormPage
from reviews import forms, selectors, services
from reviews.models import ThemedReview
from reviews.permissions import can_manage_reviews
from reviews.views.common import STALE, add_to_review, manage_or_403, save_or_form_page, themed_or_404

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


def themed_create(request):
    manage_or_403(request)
    form = forms.ThemedReviewForm(request.POST or None, initial={"status": ThemedReview.Status.PROPOSED})
    return save_or_form_page(
        request,
        form,
        lambda: services.themed_review_create(
            by=request.user,
            methodologies=form.cleaned_data["methodologies"],
            agencies=form.cleaned_data["agencies"],
            themes=form.cleaned_data["themes"],
            **form.service_fields(),
        ),
        success_message="The themed review was recorded.",
        title="Record a themed review",
        back=("reviews:themed_list", None),
    )


def themed_detail(request, pk: int):
    review = themed_or_404(request, pk)
    return render(
        request,
        "reviews/themed_detail.html",
        {
            "review": review,
            "methodologies": list(review.methodologies.all()),
            "agencies": list(review.agencies.all()),
            "themes": list(review.themes.all()),
            "consultations": list(review.consultations.all()),
            "recommendations": list(selectors.recommendations_for(user=request.user).filter(themed_review=review)),
            "attachments": list(review.attachments.all()),
            "can_manage": can_manage_reviews(request.user),
        },
    )


def themed_edit(request, pk: int):
    review = themed_or_404(request, pk)
    manage_or_403(request)
    initial = {f: getattr(review, f) for f in services.THEMED_FIELDS} | {
        "methodologies": list(review.methodologies.all()),
        "agencies": list(review.agencies.all()),
        "themes": list(review.themes.all()),
        "version": review.version,
    }
    form = forms.ThemedReviewForm(request.POST or None, initial=initial, editing=True)
    return save_or_form_page(
        request,
        form,
        lambda: services.themed_review_update(
            review=review,
            by=request.user,
            version=form.cleaned_data["version"] or 0,
            methodologies=form.cleaned_data["methodologies"],
            agencies=form.cleaned_data["agencies"],
            themes=form.cleaned_data["themes"],
            **form.service_fields(),
        ),
        success_message="The themed review was saved.",
        redirect_to=review,
        stale_message=STALE,
        current_version=review,
        title=f"Edit the themed review: {review.theme}",
    )


def consultation_add(request, pk: int):
    review = themed_or_404(request, pk)
    manage_or_403(request)
    return add_to_review(request, CONSULTATION, review)
