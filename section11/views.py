"""Rounds, agency returns and evidence. Each view resolves access, parses a form, calls one service."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from actions.selectors import actions_for_source
from bscp_portal.lib import storage
from bscp_portal.lib.forms import act_through_service, declared_data, save_or_render, save_through_service
from bscp_portal.lib.history import readable_changes
from partnership.access import (
    AGENCY_CONTRIBUTOR,
    AGENCY_LEAD,
    BOARD,
    BUSINESS_UNIT,
    PAQA,
    get_visible_or_404,
    has_role,
    is_business_unit,
    refuse,
    require_role,
)
from partnership.models import Agency
from partnership.registry import registry
from section11 import scoring, selectors, services
from section11.forms import ParticipationForm, RoundForm, StandardForm, SubmitForm
from section11.models import EvidenceFile, Participation, Return, Round, StandardResponse


def index(request):
    """Rounds, and for agency users their own return in the current round."""
    user = request.user
    current = selectors.current_round()
    own = selectors.return_for_agency(user=user, round=current) if current else None
    return render(
        request,
        "section11/index.html",
        {
            "rounds": selectors.round_list(),
            "current": current,
            "own": own,
            "own_required": current
            and user.agency_id
            and Participation.objects.filter(round=current, agency_id=user.agency_id).first(),
            "is_agency_user": has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR),
            "reviewer": has_role(user, PAQA, BUSINESS_UNIT),
            "bu": is_business_unit(user),
        },
    )


@require_role(BUSINESS_UNIT)
def round_create(request):
    form = RoundForm(request.POST or None)
    return save_or_render(
        request,
        form,
        lambda: services.round_create(created_by=request.user, **form.cleaned_data),
        success_message=lambda rnd: f"{rnd} is open. Statutory and commissioned agencies must return.",
        template="section11/round_form.html",
    )


def round_detail(request, pk: int):
    rnd = get_object_or_404(Round.objects.select_related("standard_set"), pk=pk)
    user = request.user
    rows = selectors.round_progress(user=user, round=rnd)
    own = selectors.return_for_agency(user=user, round=rnd)
    return render(
        request,
        "section11/round_detail.html",
        {
            "round": rnd,
            "rows": rows,
            "own": own,
            "own_participation": next((r for r in rows if r.agency_id == user.agency_id), None),
            "can_start": has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR) and own is None,
            "bu": is_business_unit(user),
            "reviewer": has_role(user, PAQA, BUSINESS_UNIT),
            "standards": rnd.standard_set.standards.prefetch_related("criteria"),
            "days_left": scoring.days_to_deadline(today=timezone.localdate(), deadline=rnd.deadline),
            "participation_modes": ParticipationForm.MODES,
        },
    )


@require_POST
@require_role(BUSINESS_UNIT)
def participation_edit(request, pk: int):
    rnd = get_object_or_404(Round, pk=pk)
    form = ParticipationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an agency and whether it takes part.")
        return redirect(rnd)
    agency = Agency.objects.filter(pk=form.cleaned_data["agency"]).first()
    if agency is None:
        messages.error(request, "That agency no longer exists.")
        return redirect(rnd)
    return act_through_service(
        request,
        lambda: services.participation_set(round=rnd, agency=agency, mode=form.cleaned_data["mode"]),
        success_message=f"{agency}: {dict(ParticipationForm.MODES)[form.cleaned_data['mode']].lower()}.",
        redirect_to=rnd,
    )


@require_POST
def return_start(request, pk: int):
    rnd = get_object_or_404(Round, pk=pk)
    user = request.user
    if not has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR) or user.agency_id is None:
        refuse(request, "only agency leads and contributors start a return")
    return act_through_service(
        request,
        lambda: services.return_start(round=rnd, agency=user.agency, by=user),
        redirect_to=lambda submission: submission,
        refused_to=rnd,
    )


def _get_return(request, pk: int) -> Return:
    return get_visible_or_404(
        Return.objects.select_related("round__standard_set", "agency", "carried_from__round"),
        request.user,
        request,
        pk=pk,
    )


def return_detail(request, pk: int):
    submission = _get_return(request, pk)
    user = request.user
    responses = list(selectors.responses_for(submission=submission))
    states = services.standard_states(submission)
    problems = dict((s.number, p) for s, p in scoring.submission_problems(states))
    rated, total = scoring.completeness(r.rating or None for r in responses)
    return render(
        request,
        "section11/return_detail.html",
        {
            "submission": submission,
            "responses": responses,
            "problems": problems,
            "action_counts": {s.number: s.action_count for s in states},
            "rated": rated,
            "total": total,
            "percent": round(100 * rated / total) if total else 0,
            "can_edit": services.can_edit_return(user, submission),
            "can_submit": services.can_edit_return(user, submission) and has_role(user, AGENCY_LEAD),
            "reviewer": has_role(user, PAQA, BUSINESS_UNIT),
            "sees_evidence": not (has_role(user, BOARD) and not has_role(user, PAQA, BUSINESS_UNIT)),
            "events": submission.events.select_related("by"),
            "challenges": selectors.challenge_records_for(user=user, submission=submission),
            # Only ratings agreed at challenge make a score; self-ratings never do.
            "score": scoring.compliance_percent(r.agreed_rating or None for r in responses),
            "carried_count": sum(1 for r in responses if r.carried_forward and not r.imported_from),
            "imported_count": sum(1 for r in responses if r.carried_forward and r.imported_from),
            "can_export": services.can_export_return(user, submission),
            "can_import": services.can_import_into(user, submission),
            # PAQA's questions on these ratings (one query); PAQA may ask about a rating.
            "questions": registry.question_markers(user, "s11_rating", [r.figure_ref for r in responses]),
            "can_ask": has_role(user, PAQA),
        },
    )


def _after_standard(request, submission: Return, number: int):
    """Where saving a standard leads: the next standard when asked for, else the return."""
    if "next" in request.POST:
        following = submission.responses.filter(standard__number__gt=number).order_by("standard__number")
        nxt = following.values_list("standard__number", flat=True).first()
        if nxt:
            return reverse("section11:standard_edit", kwargs={"pk": submission.pk, "number": nxt})
    return submission


def standard_edit(request, pk: int, number: int):
    """One standard of a return, saved on its own with a version check."""
    submission = _get_return(request, pk)
    response = (
        submission.responses.select_related("standard", "updated_by")
        .prefetch_related("criteria__criterion", "evidence")
        .filter(standard__number=number)
        .first()
    )
    if response is None:
        raise Http404("No such standard in this return")
    user = request.user
    if not services.can_edit_return(user, submission):
        refuse(request, f"return {submission.pk} is not editable by this user now")
    criteria = list(response.criteria.all())
    initial = {
        "version": response.version,
        "rating": response.rating,
        "na_reason": response.na_reason,
        "narrative": response.narrative,
        "no_action_reason": response.no_action_reason,
    }
    form = StandardForm(request.POST or None, request.FILES or None, initial=initial, criteria=criteria)

    def their_version() -> int:
        response.refresh_from_db()
        return response.version

    done = save_through_service(
        request,
        form,
        lambda: services.standard_save(
            response=response, by=user, criteria=form.criteria_values(), **declared_data(form)
        ),
        success_message=f"Standard {number} saved.",
        redirect_to=lambda _: _after_standard(request, submission, number),
        stale_message=lambda: (
            f"{response.updated_by or 'Someone'} saved this standard while you were editing it. "
            "Your text is still below and their saved version is shown beside it: combine them and save again."
        ),
        current_version=their_version,
    )
    if done:
        return done
    conflict = response if getattr(form, "stale_edit", False) else None
    if request.method == "POST" and request.FILES and form.errors:
        form.add_error("files", "Files are not kept when the form is shown again: choose them again.")
    neighbours = list(submission.responses.values_list("standard__number", flat=True).order_by("standard__number"))
    return render(
        request,
        "section11/standard_form.html",
        {
            "submission": submission,
            "response": response,
            "form": form,
            "conflict": conflict,
            "plan": actions_for_source(source=response, user=user),
            "needs_action": scoring.NEEDS_ACTION,
            "evidence_needed": scoring.EVIDENCE_RULES.get(
                response.standard.fully_met_evidence, scoring.EVIDENCE_RULES[scoring.EVIDENCE_EITHER]
            ),
            "standard_numbers": neighbours,
            "is_last": neighbours and number == neighbours[-1],
        },
    )


@require_POST
def standard_confirm(request, pk: int, number: int):
    """Confirm a carried-forward answer as this round's answer, unchanged."""
    submission = _get_return(request, pk)
    response = submission.responses.filter(standard__number=number).first()
    if response is None:
        raise Http404("No such standard in this return")
    if not services.can_edit_return(request.user, submission):
        refuse(request, f"return {submission.pk} is not editable by this user now")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    return act_through_service(
        request,
        lambda: services.standard_confirm(response=response, by=request.user, version=version),
        success_message=f"Standard {number} confirmed for {submission.round}.",
        redirect_to=f"{submission.get_absolute_url()}#standard-{number}",
        stale_message=f"Standard {number} was changed by someone else since you opened the page: check it again.",
    )


@require_POST
def evidence_remove(request, pk: int):
    evidence = get_visible_or_404(
        EvidenceFile.objects.select_related("response__submission", "response__standard"), request.user, request, pk=pk
    )
    submission = evidence.response.submission
    if not services.can_edit_return(request.user, submission):
        refuse(request, f"evidence {pk} is not removable by this user now")
    number = evidence.response.standard.number
    services.evidence_remove(evidence=evidence, by=request.user)
    messages.success(request, f"{evidence.original_name} removed from standard {number}.")
    return redirect("section11:standard_edit", pk=submission.pk, number=number)


def evidence_download(request, pk: int):
    """Evidence only through this access-checked view; board members do not see evidence files."""
    evidence = get_visible_or_404(EvidenceFile.objects.all(), request.user, request, pk=pk)
    if has_role(request.user, BOARD) and not has_role(request.user, PAQA, BUSINESS_UNIT):
        refuse(request, "board members do not see evidence files")
    return storage.serve(evidence.file, filename=evidence.original_name, content_type=evidence.content_type)


def return_submit(request, pk: int):
    submission = _get_return(request, pk)
    user = request.user
    if not services.can_edit_return(user, submission) or not has_role(user, AGENCY_LEAD):
        refuse(request, f"return {submission.pk} cannot be submitted by this user now")
    problems = scoring.submission_problems(services.standard_states(submission))
    form = SubmitForm(request.POST or None, initial={"senior_manager": submission.senior_manager})
    if not problems:
        done = save_through_service(
            request,
            form,
            lambda: services.return_submit(submission=submission, by=user, **form.cleaned_data),
            success_message="Your return has been submitted to the partnership. Thank you.",
            redirect_to=submission,
        )
        if done:
            return done
    if request.method == "POST" and problems:
        messages.error(request, "The return cannot be submitted yet: see the list of what is missing.")
    return render(request, "section11/submit_form.html", {"submission": submission, "form": form, "problems": problems})


#: What changes on every save of a standard's answer without anyone changing it.
RETURN_BOOKKEEPING = ("updated_at", "version", "updated_by")


@require_role(BUSINESS_UNIT)
def return_history(request, pk: int):
    """Every saved change to the return's standards: who, when and what (business unit only)."""
    submission = _get_return(request, pk)
    records = list(
        StandardResponse.history.filter(submission_id=submission.pk)
        .select_related("history_user", "standard")
        .order_by("id", "history_date", "history_id")
    )
    rows, previous = [], {}
    for record in records:
        older = previous.get(record.id)
        changes = [] if older is None else readable_changes(record, older, excluded=RETURN_BOOKKEEPING)
        previous[record.id] = record
        if older is None or changes:
            rows.append({"record": record, "changes": changes})
    rows.sort(key=lambda r: r["record"].history_date, reverse=True)
    return render(request, "section11/return_history.html", {"submission": submission, "rows": rows})
