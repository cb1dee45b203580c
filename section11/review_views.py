"""PAQA's side: reviewing returns, challenge sessions, agreed ratings and feedback letters."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from actions.selectors import actions_for_source
from partnership.access import BUSINESS_UNIT, PAQA, get_visible_or_404, has_role, refuse, require_role
from section11 import letters, selectors, services
from section11.forms import OutcomeForm, ReviewForm, SessionForm
from section11.models import ChallengeRecord, ChallengeSession, Return, Round
from section11.views import _apply_errors, _get_return

REVIEWERS = (PAQA, BUSINESS_UNIT)


def return_review(request, pk: int):
    """Reviewer ratings and comments beside the self-ratings; return for revision or move to challenge."""
    submission = _get_return(request, pk)
    if not has_role(request.user, *REVIEWERS):
        refuse(request, "only PAQA and the business unit review returns")
    if submission.status not in (Return.Status.SUBMITTED, Return.Status.UNDER_CHALLENGE):
        refuse(request, f"return {submission.pk} is not awaiting review")
    responses = list(selectors.responses_for(submission=submission))
    form = ReviewForm(request.POST or None, responses=responses)
    if request.method == "POST" and form.is_valid():
        step = request.POST.get("step", "save")
        try:
            services.review_save(submission=submission, by=request.user, reviews=form.reviews())
            if step == "return":
                services.return_send_back(submission=submission, by=request.user, note=form.cleaned_data["note"])
                messages.success(request, f"The return was sent back to {submission.agency} for revision.")
            elif step == "challenge" and submission.status == Return.Status.SUBMITTED:
                services.return_to_challenge(submission=submission, by=request.user)
                messages.success(request, "The return is now under challenge.")
            else:
                messages.success(request, "Review saved.")
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return redirect(submission)
    return render(request, "section11/review_form.html", {"submission": submission, "form": form})


@require_role(*REVIEWERS)
def session_create(request, pk: int):
    rnd = get_object_or_404(Round, pk=pk)
    form = SessionForm(request.POST or None, round=rnd, initial={"panel": [request.user.pk]})
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(round=rnd, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Challenge session recorded. Record the outcome for each agency.")
            return redirect(session)
    return render(request, "section11/session_form.html", {"round": rnd, "form": form})


@require_role(*REVIEWERS)
def session_detail(request, pk: int):
    session = get_object_or_404(ChallengeSession.objects.select_related("round"), pk=pk)
    records = session.records.select_related("submission__agency")
    return render(
        request,
        "section11/session_detail.html",
        {"session": session, "records": records, "panel": session.panel.all()},
    )


def challenge_record(request, pk: int):
    """The outcome for one agency at a session: agreed ratings, notes, agreed actions, acceptance."""
    record = get_visible_or_404(
        ChallengeRecord.objects.select_related("session__round", "submission__agency"), request.user, request, pk=pk
    )
    reviewer = has_role(request.user, *REVIEWERS)
    submission = record.submission
    responses = list(selectors.responses_for(submission=submission))
    form = None
    open_for_outcome = submission.status in (Return.Status.SUBMITTED, Return.Status.UNDER_CHALLENGE)
    if reviewer and open_for_outcome:
        initial = {"version": record.version, "attendees": record.attendees, "discussion": record.discussion}
        form = OutcomeForm(request.POST or None, initial=initial, responses=responses)
    elif request.method == "POST":
        refuse(
            request, "challenge outcomes are recorded by PAQA or the business unit while the return is under challenge"
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.challenge_outcome_save(
                record=record,
                by=request.user,
                version=data["version"],
                attendees=data["attendees"],
                discussion=data["discussion"],
                agreed=form.agreed(),
                accept=data["accept"],
            )
        except services.StaleEdit:
            form.add_error(None, "Someone else saved this outcome while you were editing. Reload to see their changes.")
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Outcome saved and the return accepted." if data["accept"] else "Outcome saved.")
            return redirect(record)
    return render(
        request,
        "section11/challenge_record.html",
        {
            "record": record,
            "submission": submission,
            "responses": responses,
            "form": form,
            "plan": actions_for_source(source=record, user=request.user),
        },
    )


def feedback_letter(request, pk: int):
    """The feedback letter to one agency from a challenge session, as a PDF."""
    record = get_visible_or_404(
        ChallengeRecord.objects.select_related("session__round", "submission__agency"), request.user, request, pk=pk
    )
    pdf = letters.feedback_letter_pdf(record=record, user=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"section11-feedback-{record.submission.agency.pk}-{record.session.held_on:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
