from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from annual_report import dashboard, services
from annual_report.forms import GenerateForm, NarrativeForm
from annual_report.models import Narrative, Report
from annual_report.periods import UnknownPeriod, current_period, parse_period, recent_periods
from annual_report.sections import BY_KEY, SECTIONS
from annual_report.tasks import STALL_MINUTES
from bscp_portal.lib.forms import save_through_service
from partnership.access import BOARD, BUSINESS_UNIT, PAQA, get_visible_or_404, require_role
from partnership.models import QAQuadrant
from partnership.security import log_event

READERS = (BUSINESS_UNIT, PAQA, BOARD)


@require_role(*READERS)
def index(request):
    """The PAQA and board home page across strands."""
    return render(request, "annual_report/index.html", {"tiles": dashboard.tiles_for(request.user)})


@require_role(*READERS)
def quadrants(request):
    """The same evidence, arranged by the four quadrants of the QA model."""
    tiles = dashboard.tiles_for(request.user)
    return render(
        request, "annual_report/quadrants.html", {"groups": dashboard.by_quadrant(tiles, QAQuadrant.objects.all())}
    )


@require_role(*READERS)
def annual(request):
    reports = Report.objects.for_user(request.user).select_related("requested_by", "approved_by")
    today = timezone.localdate()
    return render(
        request,
        "annual_report/annual.html",
        {
            "reports": reports,
            "periods": recent_periods(today),
            "form": GenerateForm(initial={"period": recent_periods(today)[1]}),
            "current": current_period(today),
            "sections": SECTIONS,
        },
    )


@require_role(BUSINESS_UNIT)
def narratives(request, period: str):
    try:
        parse_period(period)
    except UnknownPeriod:
        raise Http404("No such year") from None
    saved = {n.section: n for n in Narrative.objects.filter(period=period)}
    rows = [{"section": s, "narrative": saved.get(s.key)} for s in SECTIONS]
    return render(request, "annual_report/narratives.html", {"period": period, "rows": rows})


@require_role(BUSINESS_UNIT)
def narrative_edit(request, period: str, section: str):
    if section not in BY_KEY:
        raise Http404("No such section")
    try:
        parse_period(period)
    except UnknownPeriod:
        raise Http404("No such year") from None
    narrative = Narrative.objects.filter(period=period, section=section).first()
    initial = {"text": narrative.text, "status": narrative.status, "version": narrative.version} if narrative else {}
    form = NarrativeForm(request.POST or None, initial=initial)
    done = save_through_service(
        request,
        form,
        lambda: services.narrative_save(
            period=period,
            section=section,
            text=form.cleaned_data["text"],
            status=form.cleaned_data["status"],
            by=request.user,
            version=form.cleaned_data["version"],
        ),
        success_message=f"Saved “{BY_KEY[section].title}”.",
        redirect_to=reverse("annual_report:narratives", kwargs={"period": period}),
        stale_message="Someone else saved this section while you were editing. "
        "Your text is below; copy what you need, reload and merge.",
    )
    if done:
        return done
    return render(
        request,
        "annual_report/narrative_edit.html",
        {"form": form, "period": period, "section": BY_KEY[section], "narrative": narrative},
    )


@require_role(BUSINESS_UNIT)
@require_POST
def generate(request):
    form = GenerateForm(request.POST)
    if form.is_valid():
        try:
            report = services.report_request(period=form.cleaned_data["period"], by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("annual_report:annual")
        return redirect(report)
    messages.error(request, "Give the financial year, for example 2024-25.")
    return redirect("annual_report:annual")


def _status(report: Report) -> dict:
    stalled = (
        report.status == Report.Status.RUNNING
        and report.heartbeat_at is not None
        and report.heartbeat_at < timezone.now() - timezone.timedelta(minutes=STALL_MINUTES)
    )
    return {
        "status": report.status,
        "label": report.get_status_display(),
        "progress": report.progress,
        "delayed": report.delayed,
        "stalled": stalled,
        "error": report.error,
        "pages": report.pages,
    }


@require_role(*READERS)
def report_detail(request, pk: int):
    report = get_visible_or_404(
        Report.objects.select_related("requested_by", "approved_by"), request.user, request, pk=pk
    )
    return render(request, "annual_report/report.html", {"report": report, "state": _status(report)})


@require_role(*READERS)
def report_status(request, pk: int):
    report = get_visible_or_404(Report.objects.all(), request.user, request, pk=pk)
    return JsonResponse(_status(report))


@require_role(*READERS)
def report_download(request, pk: int):
    report = get_visible_or_404(Report.objects.all(), request.user, request, pk=pk)
    if report.status != Report.Status.DONE or not report.pdf:
        raise Http404("This version has no PDF yet")
    log_event(request, "export", detail=f"annual report {report.period} v{report.version}")
    return FileResponse(
        report.pdf.open("rb"),
        as_attachment=True,
        filename=f"annual-report-{report.period}-v{report.version}.pdf",
        content_type="application/pdf",
    )


@require_role(BUSINESS_UNIT)
@require_POST
def report_approve(request, pk: int):
    report = get_visible_or_404(Report.objects.all(), request.user, request, pk=pk)
    try:
        services.report_approve(report=report, by=request.user)
        messages.success(request, "Approved: PAQA and board members can now download this version.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(report)


@require_role(BUSINESS_UNIT)
@require_POST
def report_retry(request, pk: int):
    report = get_visible_or_404(Report.objects.all(), request.user, request, pk=pk)
    try:
        services.report_retry(report=report, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(report)
