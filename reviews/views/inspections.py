"""External inspections: recorded like reviews, their recommendations closed through actions."""

from django.db.models import Count, Q
from django.shortcuts import render

from actions.selectors import action_counts_by_source
from partnership.access import get_visible_or_404
from reviews import forms, services
from reviews.models import Inspection, Recommendation
from reviews.permissions import can_manage_reviews
from reviews.views.common import ReviewPages
from reviews.views.recommendations import add_recommendation

INSPECTION_PAGES = ReviewPages(
    forms.InspectionForm,
    services.inspection_create,
    services.inspection_update,
    services.INSPECTION_FIELDS,
    "Edit the inspection: {inspection.title}",
    "The inspection was saved.",
    "inspection",
)


def _inspection(request, pk: int) -> Inspection:
    return get_visible_or_404(Inspection.objects.all(), request.user, request, pk=pk)


def inspection_list(request):
    """Inspections the user may see, newest first, with their recommendations still open."""
    inspections = (
        Inspection.objects.for_user(request.user)
        .prefetch_related("agencies", "themes")
        .annotate(
            open_recs=Count("recommendations", filter=Q(recommendations__status=Recommendation.Status.OPEN)),
            all_recs=Count("recommendations"),
        )
        .order_by("-inspected_from", "-pk")  # a grouped query does not take the model's ordering
    )
    return render(
        request,
        "reviews/inspection_list.html",
        {"inspections": inspections, "can_manage": can_manage_reviews(request.user), "section": "inspections"},
    )


inspection_create = INSPECTION_PAGES.create_view(
    success_message="The inspection was recorded. Now add its recommendations.",
    title="Record an external inspection",
    back=("reviews:inspection_list", None),
    intro="A joint targeted area inspection, Ofsted's inspection of children's services, or a health, police "
    "or probation inspection. Its recommendations become SMART actions, as a review's do.",
)


def inspection_detail(request, pk: int):
    inspection = _inspection(request, pk)
    recs = list(Recommendation.objects.for_user(request.user).filter(inspection=inspection).select_related("agency"))
    counts = action_counts_by_source(sources=recs, user=request.user)
    for rec in recs:
        rec.action_total, rec.action_open = counts.get(rec.pk, (0, 0))
    return INSPECTION_PAGES.detail_page(request, inspection, "reviews/inspection_detail.html", recommendations=recs)


inspection_edit = INSPECTION_PAGES.edit_view(_inspection)


def inspection_recommendation_add(request, pk: int):
    inspection = _inspection(request, pk)
    return add_recommendation(request, review=inspection, back=inspection, inspection=inspection)
