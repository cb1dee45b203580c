"""Reports through PAQA: received, decided (tabled / circulated / returned), the trail for all."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from bscp_portal.lib import storage
from bscp_portal.lib.form_pages import FormPage, on_record_page
from bscp_portal.lib.forms import save_or_render, save_through_service
from governance import access, report_services, selectors
from governance.forms import (
    ReportDecideForm,
    ReportRequestForm,
    ReportSubmitForm,
    ReportUploadForm,
    RoutedReportStatusFilter,
)
from governance.models import RoutedReport
from governance.views.common import on_detail_page, save_or_form_page
from partnership.access import get_visible_or_404, refuse
from partnership.registry import registry
from partnership.security import log_event

REQUEST = FormPage(
    ReportRequestForm,
    report_services.report_request,
    None,
    lambda report: f"Report requested from {report.owner}.",
    {"title": "Request a report for the Partnership", "back": "/partnership/performance/reports/"},
    person_as="requested_by",
)
# The forms on a routed report's own page: its owner hands it to PAQA; PAQA decides where it goes.
HAND_IN = FormPage(ReportSubmitForm, report_services.report_submit, "report", "Report handed to PAQA.")
DECIDE = FormPage(
    ReportDecideForm,
    report_services.report_decide,
    "report",
    "Decision recorded.",
    {"stale_message": "Someone else recorded a decision on this report while you were deciding; yours was not saved."},
)


def report_list(request):
    filt = RoutedReportStatusFilter(request.GET or None)
    status = filt.cleaned_data["status"] if filt.is_valid() else ""
    return render(
        request,
        "governance/report_list.html",
        {
            "reports": selectors.report_list(user=request.user, status=status)[:300],
            "filter": filt,
            "can_submit": access.can_submit_reports(request.user) or bool(registry.report_candidates(request.user)),
            "can_request": access.can_request_reports(request.user),
            "due": selectors.reports_due_for(user=request.user),
            "sent": selectors.reports_sent_by(user=request.user),
        },
    )


def report_detail(request, pk: int):
    report = get_visible_or_404(
        RoutedReport.objects.select_related("meeting__body", "owner"), request.user, request, pk=pk
    )
    can_decide = access.can_decide_reports(request.user) and report.status == RoutedReport.Status.RECEIVED
    return render(
        request,
        "governance/report_detail.html",
        _detail_context(
            request, report, can_decide, ReportDecideForm(initial={"version": report.version}) if can_decide else None
        ),
    )


def _detail_context(request, report, can_decide, form):
    return {
        "report": report,
        "events": report.events.select_related("by"),
        "can_decide": can_decide,
        "decide_form": form,
        "can_submit": report.owner_id == request.user.pk
        and report.status in ("requested", "returned")
        or (report.author_id == request.user.pk and report.status == "returned"),
        "submit_form": ReportSubmitForm(),
    }


def report_upload(request):
    """Send a report to PAQA: one of the reports the user's strands offer, or an uploaded file."""
    candidates = registry.report_candidates(request.user)
    may_upload = access.can_submit_reports(request.user)
    if not (may_upload or candidates):
        refuse(request, "sending reports to PAQA")
    if request.method == "POST" and not may_upload:
        refuse(request, "uploading a report file")
    initial = {
        "author_name": request.user.get_full_name() or request.user.username,
        "received_on": timezone.localdate(),
    }
    form = ReportUploadForm(request.POST or None, request.FILES or None, initial=initial) if may_upload else None

    def save():
        fields = dict(form.cleaned_data)
        fields["author"] = fields.pop("author_name")
        return report_services.report_receive(**fields)

    done = form is not None and save_through_service(request, form, save, success_message="Report received by PAQA.")
    if done:
        return done
    return render(
        request,
        "governance/report_upload.html",
        {"form": form, "offers": selectors.report_offers(candidates)},
        status=400 if form is not None and form.errors else 200,
    )


def report_send(request, kind: str, ref: str):
    """Send one strand report to PAQA from where it lives; shows where it stands once sent."""
    candidate = registry.report_candidate(request.user, kind, ref)
    if candidate is None:
        refuse(request, f"sending the {kind} report {ref} to PAQA")
    form = ReportSubmitForm(request.POST or None, request.FILES or None)
    return save_or_render(
        request,
        form,
        lambda: report_services.report_send(
            candidate=candidate, by=request.user, note=form.cleaned_data["note"], file=form.cleaned_data["file"]
        ),
        success_message="Report sent to PAQA.",
        template="governance/report_send.html",
        context=lambda: {"candidate": candidate, "sent": selectors.report_for_source(kind=kind, ref=ref)},
        status=lambda: 400 if form.errors else 200,
    )


def report_request(request):
    if not access.can_request_reports(request.user):
        refuse(request, "requesting reports for the Partnership")
    return REQUEST.serve(request, page=save_or_form_page, data=request.POST or None)


def report_submit(request, pk: int):
    report = get_visible_or_404(RoutedReport.objects.all(), request.user, request, pk=pk)
    if not (report.owner_id == request.user.pk or report.author_id == request.user.pk):
        refuse(request, "only the report's owner hands it to PAQA")

    def shown_again(form):
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(report)

    return HAND_IN.serve(request, report, page=on_record_page(shown_again), data=request.POST, files=request.FILES)


def report_decide(request, pk: int):
    report = get_visible_or_404(
        RoutedReport.objects.select_related("meeting__body", "owner"), request.user, request, pk=pk
    )
    if not access.can_decide_reports(request.user):
        refuse(request, "only PAQA decides where a report goes")
    page = on_detail_page(
        request,
        report,
        "governance/report_detail.html",
        lambda form: _detail_context(request, report, True, form),
        refresh_always=True,
    )
    return DECIDE.serve(request, report, page=page, data=request.POST)


def report_download(request, pk: int):
    report = get_visible_or_404(RoutedReport.objects.all(), request.user, request, pk=pk)
    if not report.file:
        raise Http404("No file")
    log_event(request, "export", detail=f"governance report file {report.pk}")
    return storage.serve(report.file, filename=report.original_name or report.file.name.rsplit("/", 1)[-1])
