"""The meeting pack pages: the versions, building a new one, reading one, its PDF."""

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from bscp_portal.lib import exports, storage
from governance import summary as governance_summary
from paqa import access, pack, services
from paqa.models import MeetingPack
from partnership.access import refuse
from partnership.security import log_event


def pack_list(request):
    """The packs built so far; PAQA and the business unit build a new version."""
    if not access.sees_board(request.user):
        refuse(request, "PAQA's meeting packs")
    today = timezone.localdate()
    upcoming = governance_summary.next_meeting(body_code="paqa", after=today)
    error = ""
    if request.method == "POST":
        if not access.can_build_pack(request.user):
            refuse(request, "building the PAQA pack")
        try:
            day = dt.date.fromisoformat(request.POST.get("meeting_date", ""))
        except ValueError:
            error = "Give the meeting date, for example 10/12/2026."
        else:
            built = services.pack_request(meeting_date=day, by=request.user)
            messages.success(request, f"Version {built.version} of the pack for {day:%-d %B %Y} is being built.")
            return redirect(built)
    return render(
        request,
        "paqa/pack_list.html",
        {
            "packs": MeetingPack.objects.select_related("requested_by")[:50],
            "upcoming": upcoming,
            "can_build": access.can_build_pack(request.user),
            "error": error,
            "typed": request.POST.get("meeting_date", ""),
        },
        status=400 if error else 200,
    )


def _pack(request, pk: int) -> MeetingPack:
    if not access.sees_board(request.user):
        refuse(request, "PAQA's meeting packs")
    return get_object_or_404(MeetingPack, pk=pk)


def pack_detail(request, pk: int):
    found = _pack(request, pk)
    ready = found.status == MeetingPack.Status.READY
    body = pack.render_html(sections=found.sections, appendix=pack.appendix_url(found.pk)) if ready else ""
    return render(request, "paqa/pack_detail.html", {"pack": found, "body": body})


def pack_pdf(request, pk: int):
    found = _pack(request, pk)
    if not found.pdf:
        raise Http404("Not built yet")
    log_event(request, "export", detail=f"PAQA pack {found.pk}")
    return storage.serve(found.pdf, filename=found.pdf.name.rsplit("/", 1)[-1], content_type="application/pdf")


def pack_appendix(request, pk: int):
    """Every item of the pack's lists, one sheet per list (the PDF shows the first of each)."""
    found = _pack(request, pk)
    if found.status != MeetingPack.Status.READY:
        raise Http404("Not built yet")
    sheets = pack.appendix_sheets(found.sections)
    log_event(request, "export", detail=f"PAQA pack {found.pk} appendix")
    name, columns, rows = sheets[0]
    return exports.respond(
        fmt="xlsx",
        filename=f"paqa-pack-{found.meeting_date:%Y-%m-%d}-v{found.version}-appendix",
        columns=columns,
        rows=rows,
        sheet=name,
        more_sheets=sheets[1:],
    )
