from django.shortcuts import render
from django.utils import timezone

from bscp_portal.lib.forms import declared_data, save_or_render
from governance import access, charts, exports, selectors, services
from governance.forms import AttendanceForm, MeetingForm
from governance.models import Meeting
from governance.views.common import save_or_form_page
from partnership.access import BUSINESS_UNIT, get_visible_or_404, has_role, require_role
from partnership.models import SubCommittee
from partnership.security import log_event


def meeting_list(request):
    body = request.GET.get("body", "")
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    meetings = selectors.meeting_list(user=request.user, body_code=body, year=year)[:200]
    return render(
        request,
        "governance/meeting_list.html",
        {"meetings": meetings, "bodies": SubCommittee.objects.all(), "body": body, "year": year or ""},
    )


@require_role(BUSINESS_UNIT)
def meeting_create(request):
    form = MeetingForm(request.POST or None)
    return save_or_form_page(
        request,
        form,
        lambda: services.meeting_create(**form.cleaned_data),
        success_message="Meeting added.",
        title="Add a meeting",
        back="/partnership/performance/meetings/",
    )


def meeting_detail(request, pk: int):
    meeting = get_visible_or_404(Meeting.objects.select_related("body"), request.user, request, pk=pk)
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "rows": selectors.meeting_attendance(meeting=meeting, user=request.user),
            "quorum": selectors.meeting_quorum(meeting=meeting),
            "agenda": selectors.agenda(meeting=meeting, user=request.user),
            "can_record": has_role(request.user, BUSINESS_UNIT),
            "is_future": meeting.held_on > timezone.localdate(),
            "sees_all": access.sees_agency_detail(request.user),
        },
    )


@require_role(BUSINESS_UNIT)
def meeting_attendance(request, pk: int):
    meeting = get_visible_or_404(Meeting.objects.select_related("body"), request.user, request, pk=pk)
    rows = list(meeting.attendance.select_related("agency"))
    form = AttendanceForm(request.POST or None, rows=rows, initial={"version": meeting.version})
    return save_or_render(
        request,
        form,
        lambda: services.attendance_record(
            meeting=meeting, by=request.user, entries=form.entries(), **declared_data(form)
        ),
        success_message="Attendance recorded.",
        redirect_to=meeting,
        stale_message="Someone else recorded this meeting's attendance while you were editing; nothing was saved. "
        "Reload to see theirs.",
        rename=lambda field: f"status_{field.removeprefix('agency_')}" if field.startswith("agency_") else field,
        template="governance/meeting_attendance.html",
        context={"meeting": meeting},
        status=lambda: 400 if form.errors else 200,
    )


def attendance_dashboard(request):
    dash = selectors.attendance_dashboard(user=request.user)
    return render(
        request,
        "governance/attendance_dashboard.html",
        {"dash": dash, "figure": charts.attendance_by_body(dash), "sees_all": access.sees_agency_detail(request.user)},
    )


def attendance_export(request):
    """Rates per agency and year, and per body and year, as on the dashboard."""
    fmt = exports.fmt_of(request)
    rows = exports.attendance_rows(selectors.attendance_dashboard(user=request.user))
    log_event(request, "export", detail=f"governance attendance {fmt} ({len(rows)} rows)")
    return exports.attendance_response(rows, fmt=fmt)
