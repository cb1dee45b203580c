"""Reviewing submitted Section 11 returns: reviewers' ratings, sending a return back, and the
challenge sessions where ratings are agreed (a standard agreed not met is escalated)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bscp_portal.lib.concurrency import claim_version
from section11 import scoring
from section11.escalation_services import escalation_open
from section11.models import ChallengeRecord, ChallengeSession, Escalation, Return, ReturnEvent, Round
from section11.return_steps import check_reviewer, move_return


@transaction.atomic
def review_save(*, submission: Return, by, reviews: dict[int, tuple[str, str]]) -> Return:
    """Record reviewer ratings and comments per standard number (kept beside the self-ratings)."""
    check_reviewer(by)
    if submission.status not in (Return.Status.SUBMITTED, Return.Status.UNDER_CHALLENGE):
        raise ValidationError("Only a submitted return or one under challenge can be reviewed.")
    for response in submission.responses.select_related("standard"):
        if response.standard.number in reviews:
            rating, comment = reviews[response.standard.number]
            if rating and rating not in scoring.RATINGS:
                raise ValidationError("Choose one of the ratings.")
            if (response.reviewer_rating, response.reviewer_comment) != (rating, comment.strip()):
                response.reviewer_rating, response.reviewer_comment = rating, comment.strip()
                response.version += 1
                response.save()
    return submission


@transaction.atomic
def return_send_back(*, submission: Return, by, note: str = "") -> Return:
    """Return for revision: needs at least one per-standard comment (or a general note)."""
    check_reviewer(by)
    if submission.status not in (Return.Status.SUBMITTED, Return.Status.UNDER_CHALLENGE):
        raise ValidationError("Only a submitted return or one under challenge can be returned for revision.")
    if not note.strip() and not submission.responses.exclude(reviewer_comment="").exists():
        raise ValidationError("Write a comment on at least one standard to say what needs revising.")
    return move_return(submission, Return.Status.RETURNED, ReturnEvent.Kind.RETURNED, by, note.strip())


@transaction.atomic
def return_to_challenge(*, submission: Return, by) -> Return:
    check_reviewer(by)
    if submission.status != Return.Status.SUBMITTED:
        raise ValidationError("Only a submitted return can move to challenge.")
    return move_return(submission, Return.Status.UNDER_CHALLENGE, ReturnEvent.Kind.CHALLENGE, by)


# --- challenge sessions ----------------------------------------------------------------------


@transaction.atomic
def session_create(
    *, round: Round, by, held_on: dt.date, venue: str = "", panel=(), submissions=(), notes: str = ""
) -> ChallengeSession:
    """Record a challenge session; the agencies attending move to "under challenge"."""
    check_reviewer(by)
    submissions = list(submissions)
    wrong = [s for s in submissions if s.round_id != round.pk]
    if wrong:
        raise ValidationError("Every return at a session must belong to the session's round.")
    not_ready = [s for s in submissions if s.status not in (Return.Status.SUBMITTED, Return.Status.UNDER_CHALLENGE)]
    if not_ready:
        raise ValidationError(
            "Only submitted returns can be challenged: " + ", ".join(str(s.agency) for s in not_ready) + "."
        )
    session = ChallengeSession.objects.create(round=round, held_on=held_on, venue=venue, notes=notes, created_by=by)
    session.panel.set(panel)
    for submission in submissions:
        ChallengeRecord.objects.create(session=session, submission=submission)
        if submission.status == Return.Status.SUBMITTED:
            return_to_challenge(submission=submission, by=by)
    return session


@transaction.atomic
def challenge_outcome_save(
    *,
    record: ChallengeRecord,
    by,
    version: int,
    attendees: str,
    discussion: str,
    agreed: dict[int, str],
    accept: bool,
) -> ChallengeRecord:
    """Record the discussion and agreed rating per standard; optionally accept the return."""
    check_reviewer(by)
    claim_version(ChallengeRecord, record, version)
    record.refresh_from_db()
    submission = Return.objects.select_for_update().get(pk=record.submission_id)
    if submission.status not in (Return.Status.UNDER_CHALLENGE, Return.Status.SUBMITTED):
        raise ValidationError("Agreed ratings can only be recorded while the return is under challenge.")
    responses = list(submission.responses.select_related("standard"))
    for response in responses:
        value = agreed.get(response.standard.number, "")
        if value and value not in scoring.RATINGS:
            raise ValidationError("Choose one of the ratings.")
        if response.agreed_rating != value:
            response.agreed_rating = value
            response.version += 1
            response.save()
    if accept:
        missing = [r.standard.number for r in responses if not agreed.get(r.standard.number)]
        if missing:
            raise ValidationError(
                "Agree a rating for every standard before accepting (missing: "
                + ", ".join(str(n) for n in missing)
                + ")."
            )
    record.attendees = attendees.strip()
    record.discussion = discussion.strip()
    record.outcome_recorded_at = timezone.now()
    record.save()
    if accept:
        move_return(
            submission, Return.Status.ACCEPTED, ReturnEvent.Kind.ACCEPTED, by, f"Accepted at the {record.session}."
        )
    not_met = [str(r.standard.number) for r in responses if agreed.get(r.standard.number) == scoring.NOT_MET]
    if not_met:
        escalation_open(
            round=submission.round,
            agency=submission.agency,
            kind=Escalation.Kind.NOT_MET,
            by=by,
            today=record.session.held_on,
            submission=submission,
            standards=", ".join(not_met),
            note=f"Agreed not met at the {record.session}.",
        )
    return record
