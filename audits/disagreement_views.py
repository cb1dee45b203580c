"""Resolving professional disagreements: recorded by either agency, counted for PAQA."""

from django.shortcuts import render
from django.utils import timezone

from audits import disagreement_rules, disagreement_services, selectors
from audits.access import is_quality_lead
from audits.forms import DisagreementForm
from audits.models import Disagreement
from bscp_portal.lib.forms import save_or_render
from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD, get_visible_or_404, has_role, refuse


def may_record(user) -> bool:
    return is_quality_lead(user) or (user.agency_id is not None and has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR))


def may_change(user, record: Disagreement) -> bool:
    if is_quality_lead(user):
        return True
    return may_record(user) and user.agency_id in (record.raised_by_agency_id, record.with_agency_id)


def disagreement_list(request):
    """Disagreements the user may see, with PAQA's counts by agency pair, stage and outcome."""
    visible = Disagreement.objects.for_user(request.user).select_related("raised_by_agency", "with_agency")
    return render(
        request,
        "audits/disagreement_list.html",
        {
            "records": visible[:200],
            "counts": selectors.disagreement_counts(visible),
            "can_record": may_record(request.user),
        },
    )


def disagreement_create(request):
    if not may_record(request.user):
        refuse(request, "may not record professional disagreements")
    form = DisagreementForm(request.POST or None, user=request.user)
    return save_or_render(
        request,
        form,
        lambda: disagreement_services.disagreement_record(by=request.user, **form.service_fields()),
        success_message="The disagreement was recorded.",
        template="audits/form_page.html",
        context={
            "title": "Record a professional disagreement",
            "intro": "A practitioner's challenge to another agency's decision, and how far it has been escalated. "
            "No names of children, families or staff.",
            "submit": "Record",
            "back": "/audits/disagreements/",
            "back_label": "Professional disagreements",
        },
    )


def disagreement_detail(request, pk: int):
    record = get_visible_or_404(
        Disagreement.objects.select_related("raised_by_agency", "with_agency"), request.user, request, pk=pk
    )
    days = disagreement_rules.days_at_stages(record.stage_dates(), record.resolved_on, timezone.localdate())
    return render(
        request,
        "audits/disagreement_detail.html",
        {"record": record, "days": days, "can_change": may_change(request.user, record)},
    )


def disagreement_edit(request, pk: int):
    record = get_visible_or_404(Disagreement.objects.all(), request.user, request, pk=pk)
    if not may_change(request.user, record):
        refuse(request, "may not change this disagreement")
    initial = {f: getattr(record, f) for f in disagreement_services.FIELDS} | {"version": record.version}
    form = DisagreementForm(request.POST or None, user=request.user, initial=initial, editing=True)
    return save_or_render(
        request,
        form,
        lambda: disagreement_services.disagreement_update(
            record=record, by=request.user, version=form.cleaned_data["version"], **form.service_fields()
        ),
        success_message="The disagreement was saved.",
        redirect_to=record,
        current_version=record,
        template="audits/form_page.html",
        context=lambda: {
            "title": f"Escalate or resolve disagreement {record.pk}",
            "intro": "Give the date each stage was reached, and the outcome once it is resolved or withdrawn.",
            "submit": "Save",
            "back": record.get_absolute_url(),
            "back_label": str(record),
        },
    )
