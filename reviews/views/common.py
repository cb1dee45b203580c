"""What every reviews page shares: access to a review, the form page, the stale-edit words."""

from django.shortcuts import render

from bscp_portal.lib.form_pages import FormPage
from bscp_portal.lib.forms import save_through_service
from partnership.access import get_visible_or_404, refuse
from reviews.models import CaseReview, ThemedReview
from reviews.permissions import can_manage_reviews

PAGE_SIZE = 25
STALE = (
    "Someone else saved this review after you opened it. What you typed is kept below: check it against "
    "their changes on the review's page, then save again to replace them."
)


def manage_or_403(request) -> None:
    if not can_manage_reviews(request.user):
        refuse(request, "may not record or change reviews")


def case_or_404(request, pk: int) -> CaseReview:
    return get_visible_or_404(CaseReview.objects.all(), request.user, request, pk=pk)


def themed_or_404(request, pk: int) -> ThemedReview:
    return get_visible_or_404(ThemedReview.objects.all(), request.user, request, pk=pk)


def form_page(request, form, *, title: str, back, intro: str = "", submit: str = "Save"):
    return render(
        request,
        "reviews/form.html",
        {"form": form, "title": title, "back": back, "intro": intro, "submit": submit},
    )


# --- dashboard and case reviews ----------------------------------------------------------------


def save_or_form_page(request, form, save, *, title: str, back=None, intro: str = "", submit: str = "Save", **options):
    """Save the form through its service (`options` as for save_through_service) and go on; else the
    form page again, what was typed kept, its Back link to `back` or else to where saving goes."""
    done = save_through_service(request, form, save, **options)
    back = options.get("redirect_to") if back is None else back
    return done or form_page(request, form, title=title, back=back, intro=intro, submit=submit)


def add_to_review(request, page: FormPage, review, **options):
    """A page that adds one thing to a review (`page` says what, through which service, in which
    words), then back to the review; the form again (what was typed kept) when it is refused."""
    return page.serve(request, review, page=save_or_form_page, data=request.POST or None, **options)
