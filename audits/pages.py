"""What every audits page shares: the form page (and saving through it), the stale-edit words, and reaching an audit the
person may see (404 otherwise)."""

from django.shortcuts import render
from django.urls import reverse

from audits.models import AgencyAudit, PracticeAudit
from bscp_portal.lib.form_pages import FormPage
from bscp_portal.lib.forms import save_through_service
from partnership.access import get_visible_or_404

STALE = (
    "Someone else saved this audit while you were working on it, so your change was not saved. "
    "The page shows what you typed; check it against the current audit and save again."
)


BACK_LABELS = {"audits:practice_list": "Multi-agency practice audits", "audits:process_list": "Process audits"}


def posted(request):
    """The POST data on a POST (even an empty one, so that it is validated), else None."""
    return request.POST if request.method == "POST" else None


def form_page(request, *, form, title: str, back, submit: str, intro: str = "", multipart: bool = False, status=200):
    """The one page used for every single-purpose form (and for re-showing it with errors)."""
    if isinstance(back, str):
        back_url, back_label = reverse(back), BACK_LABELS.get(back)
    else:
        back_url, back_label = back.get_absolute_url(), str(back)
    return render(
        request,
        "audits/form_page.html",
        {
            "form": form,
            "title": title,
            "back": back_url,
            "back_label": back_label,
            "submit": submit,
            "intro": intro,
            "multipart": multipart,
        },
        status=status,
    )


def save_or_form_page(request, form, save, *, success_message="", redirect_to=None, stale_message=None, **page):
    """Save the form through its service and go on (a stale save keeps what was typed, with the
    audits' words); else show it again on the form page, `page` being form_page's words (its
    `status` may be a callable, called once the save has been tried)."""
    done = save_through_service(
        request,
        form,
        save,
        success_message=success_message,
        redirect_to=redirect_to,
        stale_message=stale_message or STALE,
    )
    if done:
        return done
    if callable(page.get("status")):
        page["status"] = page["status"]()
    return form_page(request, form=form, **page)


def serve(request, page: FormPage, record=None, *, files=None, **options):
    """One of the audits' form pages (`bscp_portal.lib.form_pages`) for `record`, its Back link to
    the record (a page making a new record names its own); `options` go to save_or_form_page."""
    if record is not None:
        options.setdefault("back", record)
    return page.serve(request, record, page=save_or_form_page, data=posted(request), files=files, **options)


def agency_audit_or_404(request, pk: int) -> AgencyAudit:
    return get_visible_or_404(
        AgencyAudit.objects.select_related("agency", "auditing_agency", "requested_by"), request.user, request, pk=pk
    )


def practice_audit_or_404(request, pk: int) -> PracticeAudit:
    return get_visible_or_404(PracticeAudit.objects.select_related("lead"), request.user, request, pk=pk)
