"""The panel's information requests to agencies: sent by panel members, seen and answered only by
the agency's designated person. Every view is written to the security log, as case views are."""

import datetime as dt

from django.shortcuts import render
from django.utils import timezone

from bscp_portal.lib.form_pages import FormPage
from bscp_portal.lib.forms import save_or_render, save_through_service
from cdop import forms, rules, services
from cdop.models import Death, InformationRequest
from cdop.views import _case
from partnership.access import get_visible_or_404, is_cdop_member, refuse
from partnership.security import log_event

STALE = "This request changed after you opened it. What you typed is kept below: check the request and send again."

REQUEST = FormPage(
    forms.InformationRequestForm,
    services.information_request_send,
    "death",
    lambda r: f"The request was sent to {r.addressee.get_full_name() or r.addressee} ({r.agency}).",
    {"template": "cdop/request_form.html"},
)


def request_create(request, pk: int):
    """A panel member asks an agency's designated person about a death."""
    death: Death = _case(request, pk, "new information request")
    initial = {"due_on": timezone.localdate() + dt.timedelta(days=28)}
    return REQUEST.serve(
        request, death, page=save_or_render, data=request.POST or None, initial=initial, context={"death": death}
    )


def _with_state(requests, today):
    rows = list(requests)
    for r in rows:
        r.state = rules.request_state(answered_on=r.answered_on, due_on=r.due_on, today=today)
    return rows


def request_list(request):
    """Requests addressed to me; for panel members, every request and who has not answered."""
    today = timezone.localdate()
    requests = InformationRequest.objects.for_user(request.user).select_related("death", "agency", "addressee")
    rows = _with_state(requests, today)
    log_event(request, "cdop_view", detail=f"information requests list ({len(rows)} requests)")
    return render(
        request,
        "cdop/request_list.html",
        {
            "rows": rows,
            "member": is_cdop_member(request.user),
            "waiting": [r for r in rows if r.state != "answered"],
        },
    )


def request_detail(request, pk: int):
    """One request: the designated person reads and answers it; the panel reads the answer."""
    info = get_visible_or_404(
        InformationRequest.objects.select_related("death", "agency", "addressee", "answered_by"),
        request.user,
        request,
        pk=pk,
    )
    log_event(request, "cdop_view", detail=f"information request {info.pk}: case {info.death.case_number}")
    addressee = request.user.pk == info.addressee_id
    if request.method == "POST" and not (addressee and not info.answered):
        refuse(request, "only the designated person answers an open request")
    form = forms.RequestAnswerForm(request.POST or None, initial={"version": info.version})
    done = None
    if addressee and not info.answered:
        done = save_through_service(
            request,
            form,
            lambda: services.information_request_answer(
                request=info, by=request.user, version=form.cleaned_data["version"], answer=form.cleaned_data["answer"]
            ),
            success_message="Thank you: your answer was sent to the panel.",
            redirect_to=info,
            stale_message=STALE,
        )
    if done:
        return done
    info.state = rules.request_state(answered_on=info.answered_on, due_on=info.due_on, today=timezone.localdate())
    return render(
        request,
        "cdop/request_detail.html",
        {
            "info": info,
            "form": form if addressee and not info.answered else None,
            "member": is_cdop_member(request.user),
        },
    )
