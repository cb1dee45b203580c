"""The chair's regular meetings with the sub-committee chairs: list, record, and one meeting with
its decisions and the action plan agreed (SMART actions in the actions strand)."""

from django.shortcuts import render
from django.urls import reverse

from actions.selectors import actions_for_source
from governance import access, services
from governance import standards_selectors as selectors
from governance.forms import ChairsMeetingForm
from governance.models import ChairsMeeting
from governance.views.common import save_or_form_page
from partnership.access import get_visible_or_404, refuse


def chairs_meeting_list(request):
    return render(
        request,
        "governance/chairs_meeting_list.html",
        {
            "meetings": selectors.chairs_meetings(user=request.user)[:100],
            "can_record": access.can_record_chairs_meeting(request.user),
        },
    )


def chairs_meeting_create(request):
    if not access.can_record_chairs_meeting(request.user):
        refuse(request, "chair's meetings: the business unit and chairs record them")
    form = ChairsMeetingForm(request.POST or None, people=selectors.chairs_meeting_people())
    return save_or_form_page(
        request,
        form,
        lambda: services.chairs_meeting_record(by=request.user, **form.service_data()),
        success_message="Meeting recorded. Add the actions agreed below.",
        title="Record a chair's meeting with sub-committee chairs",
        back=reverse("governance:chairs_meeting_list"),
    )


def chairs_meeting_detail(request, pk: int):
    meeting = get_visible_or_404(
        ChairsMeeting.objects.select_related("recorded_by").prefetch_related("attendees", "decisions"),
        request.user,
        request,
        pk=pk,
    )
    return render(
        request,
        "governance/chairs_meeting_detail.html",
        {"meeting": meeting, "actions": actions_for_source(source=meeting, user=request.user)},
    )
