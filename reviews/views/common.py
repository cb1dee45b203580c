"""What every reviews page shares: access to a review, the form page, the stale-edit words."""

from collections.abc import Callable
from dataclasses import dataclass

from django.shortcuts import render

from bscp_portal.lib.form_pages import FormPage
from bscp_portal.lib.forms import edit_data, save_through_service
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


def on_case_and_themed(add):
    """One page about a review, on a case review and on a themed review (a pair of views): `add` is
    given the request, the review's name (`review`), where to go back to (`back`), and the review
    under `case_review` or `themed_review`."""

    def on_case(request, pk: int):
        review = case_or_404(request, pk)
        return add(request, review=review.reference, back=review, case_review=review)

    def on_themed(request, pk: int):
        review = themed_or_404(request, pk)
        return add(request, review=review, back=review, themed_review=review)

    return on_case, on_themed


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


@dataclass(frozen=True)
class ReviewPages:
    """The pages that record and edit one kind of review (or inspection): its form, the services
    that record and change it (given everything the form asks), the keyword its record goes by in
    the change, the fields an edit starts from beside its lists and version, and what the edit page
    says (its title names the record under `record_as`)."""

    form: type
    create: Callable
    update: Callable
    fields: tuple[str, ...]
    edit_title: str
    saved: str
    record_as: str = "review"
    lists: tuple[str, ...] = ("agencies", "themes")

    def lists_of(self, record) -> dict:
        """The record's lists (its agencies, themes...), each under its own name."""
        return {name: list(getattr(record, name).all()) for name in self.lists}

    def detail_page(self, request, record, template: str, **context):
        """The record's own page: the record under `record_as`, its lists, whether the user may
        record and change reviews, and what else the page shows (`context`)."""
        page = {self.record_as: record, **self.lists_of(record), **context}
        return render(request, template, {**page, "can_manage": can_manage_reviews(request.user)})

    def create_view(self, *, initial=None, **page):
        """The record page as a view: the right to record and change reviews (403), then the form
        starting from `initial` (`page` as for save_or_form_page)."""

        def view(request):
            manage_or_403(request)
            form = self.form(request.POST or None, initial=initial)
            return save_or_form_page(request, form, lambda: self.create(by=request.user, **form.cleaned_data), **page)

        return view

    def edit_view(self, record_or_404):
        """The edit page as a view: the record the user may see (404 first), then the right to
        record and change reviews (403)."""

        def view(request, pk: int):
            record = record_or_404(request, pk)
            manage_or_403(request)
            return self.edit_page(request, record)

        return view

    def edit_page(self, request, record):
        """Change `record` and go back to it (a form opened before versions counts as version 0); a
        stale save keeps what was typed and moves to the stored version."""
        initial = {f: getattr(record, f) for f in self.fields} | self.lists_of(record)
        form = self.form(request.POST or None, initial={**initial, "version": record.version}, editing=True)

        def save():
            return self.update(**{self.record_as: record}, by=request.user, **edit_data(form))

        return save_or_form_page(
            request,
            form,
            save,
            success_message=self.saved,
            redirect_to=record,
            stale_message=STALE,
            current_version=record,
            title=self.edit_title.format(**{self.record_as: record}),
        )


def add_to_review(request, page: FormPage, review, **options):
    """A page that adds one thing to a review (`page` says what, through which service, in which
    words), then back to the review; the form again (what was typed kept) when it is refused."""
    return page.serve(request, review, page=save_or_form_page, data=request.POST or None, **options)
