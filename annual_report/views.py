from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from annual_report import dashboard, services
from annual_report.forms import CommentForm, GenerateForm, NarrativeForm
from annual_report.models import Narrative, Report, SectionComment, in_sign_off_chain, is_partner_lead
from annual_report.periods import UnknownPeriod, current_period, parse_period, recent_periods
from annual_report.sections import BY_KEY, SECTIONS
from annual_report.tasks import STALL_MINUTES
from bscp_portal.lib import storage
from bscp_portal.lib.forms import act_through_service, save_or_render, save_through_service
from partnership.access import BOARD, BUSINESS_UNIT, PAQA, get_visible_or_404, has_role, refuse, require_role
from partnership.models import QAQuadrant
from partnership.security import log_event

READERS = (BUSINESS_UNIT, PAQA, BOARD)


def _require_chain(request) -> None:
    """Drafts are for the business unit, PAQA and the lead partners' signatories only."""
    if not in_sign_off_chain(request.user):
        refuse(request, "annual report drafts are for the sign-off chain")


def _period_or_404(period: str) -> None:
    try:
        parse_period(period)
    except UnknownPeriod:
        raise Http404("No such year") from None


@require_role(*READERS)
def index(request):
    """The PAQA and board home page across strands."""
    return render(request, "annual_report/index.html", {"tiles": dashboard.tiles_for(request.user)})


@require_role(*READERS)
def dashboard_export(request):
    """The dashboard's figures as a spreadsheet: one row per figure, with its target, rating,
    direction, period, source and quadrant (the shared export writer)."""
    from bscp_portal.lib.exports import positional, respond

    quadrant_names = dict(QAQuadrant.objects.values_list("code", "name"))
    rows = dashboard.export_rows(dashboard.tiles_for(request.user), quadrant_names)
    log_event(request, "export", detail="partnership dashboard")
    return respond(
        fmt="xlsx",
        filename=f"partnership-dashboard-{timezone.localdate():%Y-%m-%d}",
        columns=positional(dashboard.EXPORT_COLUMNS),
        rows=rows,
        sheet="Partnership dashboard",
    )


@require_role(*READERS)
def quadrants(request):
    """The same evidence, arranged by the four quadrants of the QA model."""
    tiles = dashboard.tiles_for(request.user)
    return render(
        request, "annual_report/quadrants.html", {"groups": dashboard.by_quadrant(tiles, QAQuadrant.objects.all())}
    )


def annual(request):
    if not (in_sign_off_chain(request.user) or has_role(request.user, BOARD)):
        refuse(request, "the annual report is for the sign-off chain and the board")
    reports = Report.objects.for_user(request.user).select_related("requested_by", "approved_by")
    today = timezone.localdate()
    # From the year's end, the chain sees what the last year's report still waits for.
    ended = recent_periods(today)[1]
    waiting = services.waiting_for(period=ended, user=request.user) if in_sign_off_chain(request.user) else None
    return render(
        request,
        "annual_report/annual.html",
        {
            "reports": reports,
            "periods": recent_periods(today),
            "form": GenerateForm(initial={"period": recent_periods(today)[1]}),
            "current": current_period(today),
            "sections": SECTIONS,
            "chain": in_sign_off_chain(request.user),
            "waiting": waiting,
            "waiting_period": ended,
        },
    )


def narratives(request, period: str):
    _require_chain(request)
    _period_or_404(period)
    saved = {n.section: n for n in Narrative.objects.filter(period=period).select_related("updated_by", "approved_by")}
    comments = dict(
        SectionComment.objects.filter(period=period).values_list("section").annotate(n=Count("pk")).order_by()
    )
    rows = [{"section": s, "narrative": saved.get(s.key), "comments": comments.get(s.key, 0)} for s in SECTIONS]
    return render(request, "annual_report/narratives.html", {"period": period, "rows": rows})


def narrative_detail(request, period: str, section: str):
    """A section's narrative as it will read, its state, and the chain's comments on it."""
    _require_chain(request)
    if section not in BY_KEY:
        raise Http404("No such section")
    _period_or_404(period)
    narrative = Narrative.objects.filter(period=period, section=section).select_related("updated_by", "approved_by")
    narrative = narrative.first()
    form = CommentForm(request.POST or None)
    done = save_through_service(
        request,
        form,
        lambda: services.section_comment(
            period=period, section=section, text=form.cleaned_data["text"], by=request.user
        ),
        success_message="Comment added.",
        redirect_to=reverse("annual_report:narrative", kwargs={"period": period, "section": section}),
        errors_to="text",
    )
    if done:
        return done
    from annual_report.builder import render_markdown

    return render(
        request,
        "annual_report/narrative_detail.html",
        {
            "period": period,
            "section": BY_KEY[section],
            "narrative": narrative,
            "html": render_markdown(narrative.text) if narrative else "",
            "comments": SectionComment.objects.filter(period=period, section=section).select_related("author"),
            "form": form,
            "may_approve": bool(
                narrative
                and has_role(request.user, BUSINESS_UNIT)
                and narrative.status != Narrative.Status.APPROVED
                and narrative.text.strip()
                and narrative.updated_by_id != request.user.pk
            ),
        },
    )


@require_role(BUSINESS_UNIT)
@require_POST
def narrative_approve(request, period: str, section: str):
    if section not in BY_KEY:
        raise Http404("No such section")
    _period_or_404(period)
    return act_through_service(
        request,
        lambda: services.narrative_approve(period=period, section=section, by=request.user),
        success_message=f"Approved “{BY_KEY[section].title}”.",
        redirect_to=reverse("annual_report:narrative", kwargs={"period": period, "section": section}),
    )


@require_role(BUSINESS_UNIT)
def narrative_edit(request, period: str, section: str):
    if section not in BY_KEY:
        raise Http404("No such section")
    _period_or_404(period)
    narrative = Narrative.objects.filter(period=period, section=section).first()
    initial = {}
    if narrative:
        status = Narrative.Status.DRAFT if narrative.status == Narrative.Status.DRAFT else Narrative.Status.SUBMITTED
        initial = {"text": narrative.text, "status": status, "version": narrative.version}
    form = NarrativeForm(request.POST or None, initial=initial)
    return save_or_render(
        request,
        form,
        lambda: services.narrative_save(period=period, section=section, by=request.user, **form.cleaned_data),
        success_message=f"Saved “{BY_KEY[section].title}”.",
        redirect_to=reverse("annual_report:narratives", kwargs={"period": period}),
        stale_message="Someone else saved this section while you were editing. "
        "Your text is below; copy what you need, reload and merge.",
        template="annual_report/narrative_edit.html",
        context={"period": period, "section": BY_KEY[section], "narrative": narrative},
    )


@require_role(BUSINESS_UNIT)
@require_POST
def generate(request):
    form = GenerateForm(request.POST)
    if form.is_valid():
        return act_through_service(
            request,
            lambda: services.report_request(period=form.cleaned_data["period"], by=request.user),
            redirect_to=lambda report: report,
            refused_to="annual_report:annual",
        )
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


def _readable(request, pk: int) -> Report:
    """A version the user may read: drafts for the sign-off chain, approved ones for the board."""
    if not (in_sign_off_chain(request.user) or has_role(request.user, BOARD)):
        refuse(request, "annual report versions are for the sign-off chain and the board")
    return get_visible_or_404(
        Report.objects.select_related("requested_by", "approved_by"), request.user, request, pk=pk
    )


def report_detail(request, pk: int):
    report = _readable(request, pk)
    chain = in_sign_off_chain(request.user)
    sign_offs = list(report.sign_offs.select_related("agency", "signed_by")) if chain else []
    signed = {s.agency_id for s in sign_offs}
    context = {
        "report": report,
        "state": _status(report),
        "chain": chain,
        "sign_offs": sign_offs,
        "partners": services.partner_states(report) if chain else [],
        "may_sign": is_partner_lead(request.user)
        and report.status == Report.Status.DONE
        and not report.approved_at
        and request.user.agency_id not in signed,
        "blockers": services.approval_blockers(report=report, by=request.user)
        if has_role(request.user, BUSINESS_UNIT) and not report.approved_at
        else [],
    }
    return render(request, "annual_report/report.html", context)


def report_status(request, pk: int):
    return JsonResponse(_status(_readable(request, pk)))


def _download(request, report: Report, which: str):
    field, pages = (report.children_pdf, "children") if which == "children" else (report.pdf, "full")
    if report.status != Report.Status.DONE or not field:
        raise Http404("This version has no PDF yet")
    log_event(request, "export", detail=f"annual report {report.period} v{report.version} ({pages})")
    stem = "annual-report-children" if which == "children" else "annual-report"
    return storage.serve(
        field, filename=f"{stem}-{report.period}-v{report.version}.pdf", content_type="application/pdf"
    )


def _appendix(request, report: Report, n: int, fmt: str):
    from bscp_portal.lib.exports import positional, respond

    if report.status != Report.Status.DONE or not 0 <= n < len(report.appendix or []):
        raise Http404("No such table")
    table = report.appendix[n]
    log_event(request, "export", detail=f"annual report {report.period} v{report.version} appendix {n + 1} ({fmt})")
    return respond(
        fmt=fmt,
        filename=f"annual-report-{report.period}-v{report.version}-table-{n + 1}",
        columns=positional(table["columns"]),
        rows=table["rows"],
        sheet=table["title"],
    )


def report_appendix(request, pk: int, n: int, fmt: str):
    """One of the full tables behind the PDF, as CSV or XLSX, as read when the version was built."""
    return _appendix(request, _readable(request, pk), n, fmt)


@login_not_required
def published_appendix(request, pk: int, n: int, fmt: str):
    report = Report.objects.approved().filter(pk=pk).first()
    if report is None:
        raise Http404("No published report")
    return _appendix(request, report, n, fmt)


def report_download(request, pk: int):
    return _download(request, _readable(request, pk), "full")


def report_children_download(request, pk: int):
    return _download(request, _readable(request, pk), "children")


@login_not_required
def published(request):
    """The public page: the latest approved version of each year, no sign-in needed."""
    latest = {}
    for report in Report.objects.approved().order_by("-period", "-version"):
        latest.setdefault(report.period, report)
    return render(request, "annual_report/published.html", {"reports": list(latest.values())})


@login_not_required
def published_download(request, pk: int, which: str):
    report = Report.objects.approved().filter(pk=pk).first()
    if report is None or which not in ("full", "children"):
        raise Http404("No published report")
    return _download(request, report, which)


def report_sign_off(request, pk: int):
    report = _readable(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not is_partner_lead(request.user):
        refuse(request, "only a lead safeguarding partner signs off")
    return act_through_service(
        request,
        lambda: services.report_sign_off(report=report, by=request.user),
        success_message=lambda sign_off: f"Signed off for {sign_off.agency}.",
        redirect_to=report,
    )


@require_role(BUSINESS_UNIT)
@require_POST
def report_approve(request, pk: int):
    report = get_visible_or_404(Report.objects.all(), request.user, request, pk=pk)
    return act_through_service(
        request,
        lambda: services.report_approve(report=report, by=request.user),
        success_message="Approved: board members and the public can now read and download this version.",
        redirect_to=report,
        refused_prefix="This version cannot be approved yet: ",
    )


@require_role(BUSINESS_UNIT)
@require_POST
def report_retry(request, pk: int):
    report = get_visible_or_404(Report.objects.all(), request.user, request, pk=pk)
    return act_through_service(
        request, lambda: services.report_retry(report=report, by=request.user), redirect_to=report
    )
