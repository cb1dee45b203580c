"""PAQA's side: reviewing returns, challenge sessions, agreed ratings and feedback letters."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from actions.selectors import actions_for_source
from bscp_portal.lib.forms import declared_data, save_or_render, save_through_service
from partnership.access import BUSINESS_UNIT, PAQA, get_visible_or_404, has_role, refuse, require_role
from section11 import letters, selectors, services
from section11.forms import OutcomeForm, ReviewForm, SessionForm
from section11.models import ChallengeRecord, ChallengeSession, Return, Round
from section11.views import _get_return

REVIEWERS = (PAQA, BUSINESS_UNIT)


def return_review(request, pk: int):
    """One page for the reviewer: per standard the self-rating, the agency's evidence (files and
    text), carried-forward markers and last round's agreed rating, beside the reviewer's rating."""
    submission = _get_return(request, pk)
    if not has_role(request.user, *REVIEWERS):
        refuse(request, "only PAQA and the business unit review returns")
    if submission.status not in (Return.Status.SUBMITTED, Return.Status.UNDER_CHALLENGE):
        refuse(request, f"return {submission.pk} is not awaiting review")
    responses = list(selectors.responses_for(submission=submission))
    form = ReviewForm(request.POST or None, responses=responses)

    def save() -> str:
        services.review_save(submission=submission, by=request.user, reviews=form.reviews())
        step = request.POST.get("step", "save")
        if step == "return":
            services.return_send_back(submission=submission, by=request.user, note=form.cleaned_data["note"])
            return f"The return was sent back to {submission.agency} for revision."
        if step == "challenge" and submission.status == Return.Status.SUBMITTED:
            services.return_to_challenge(submission=submission, by=request.user)
            return "The return is now under challenge."
        return "Review saved."

    done = save_through_service(request, form, save, success_message=lambda said: said, redirect_to=submission)
    if done:
        return done
    previous_round, previous = selectors.previous_agreed(submission=submission)
    rows = [(r, rating, comment, previous.get(r.standard.number)) for r, rating, comment in form.rows()]
    return render(
        request,
        "section11/review_form.html",
        {"submission": submission, "form": form, "rows": rows, "previous_round": previous_round},
    )


@require_role(*REVIEWERS)
def session_create(request, pk: int):
    rnd = get_object_or_404(Round, pk=pk)
    form = SessionForm(request.POST or None, round=rnd, initial={"panel": [request.user.pk]})
    return save_or_render(
        request,
        form,
        lambda: services.session_create(round=rnd, by=request.user, **form.cleaned_data),
        success_message="Challenge session recorded. Record the outcome for each agency.",
        template="section11/session_form.html",
        context={"round": rnd},
    )


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
    done = form is not None and save_through_service(
        request,
        form,
        lambda: services.challenge_outcome_save(
            record=record, by=request.user, agreed=form.agreed(), **declared_data(form)
        ),
        success_message=lambda _: (
            "Outcome saved and the return accepted." if form.cleaned_data["accept"] else "Outcome saved."
        ),
        redirect_to=record,
        stale_message="Someone else saved this outcome while you were editing. What you typed is kept below: "
        "check it against theirs, then save again to replace it.",
        current_version=record,
    )
    if done:
        return done
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
