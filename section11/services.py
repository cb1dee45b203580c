"""Writes for Section 11: keyword-only, atomic; history recorded by simple-history in the same transaction.

Rounds and an agency's return are written here; importing an exchange file
(`section11.exchange_import`), reviewing and challenge (`section11.review_services`) and
escalation (`section11.escalation_services`) have modules of their own, named here too."""

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from actions.models import Action
from bscp_portal.lib import uploads
from bscp_portal.lib.concurrency import claim_version
from partnership.access import AGENCY_LEAD, has_role
from partnership.models import Agency, S11Duty
from section11 import scoring
from section11.escalation_services import (
    DEFAULT_LETTER_BODY,
    DEFAULT_LETTER_SUBJECT,
    LETTER_FIELDS,
    OLD_LETTER_FIELDS,
    escalation_letter,
    escalation_letter_save,
    escalation_open,
    escalation_step,
    escalations_open_late,
)
from section11.exchange_import import ImportOutcome, can_export_return, can_import_into, return_import
from section11.models import (
    Audit,
    CriterionResponse,
    EvidenceFile,
    Participation,
    Return,
    ReturnEvent,
    Round,
    StandardResponse,
    StandardSet,
)
from section11.return_steps import can_edit_return, move_return, record_event
from section11.review_services import (
    challenge_outcome_save,
    return_send_back,
    return_to_challenge,
    review_save,
    session_create,
)

__all__ = [
    "DEFAULT_LETTER_BODY",
    "DEFAULT_LETTER_SUBJECT",
    "LETTER_FIELDS",
    "OLD_LETTER_FIELDS",
    "ImportOutcome",
    "can_edit_return",
    "can_export_return",
    "can_import_into",
    "challenge_outcome_save",
    "check_evidence",
    "escalation_letter",
    "escalation_letter_save",
    "escalation_open",
    "escalation_step",
    "escalations_open_late",
    "evidence_remove",
    "participation_set",
    "return_import",
    "return_send_back",
    "return_start",
    "return_submit",
    "return_to_challenge",
    "review_save",
    "round_create",
    "session_create",
    "standard_confirm",
    "standard_save",
    "standard_states",
]


# --- rounds ----------------------------------------------------------------------------------


@transaction.atomic
def round_create(
    *, created_by, name: str, period: str, standard_set: StandardSet, opens_on: dt.date, deadline: dt.date
) -> Round:
    """Open a round. Section 11: statutory and commissioned agencies must return, voluntary ones are
    invited. The schools' audit (section 175 / 157): every education agency must return."""
    if deadline <= opens_on:
        raise ValidationError({"deadline": "The deadline must be after the opening date."})
    if Round.objects.filter(name=name).exists():
        raise ValidationError({"name": "A round with this name already exists."})
    rnd = Round.objects.create(
        name=name, period=period, standard_set=standard_set, opens_on=opens_on, deadline=deadline, created_by=created_by
    )
    agencies = Agency.objects.filter(active=True)
    if standard_set.audit == Audit.SCHOOLS:
        participants = [Participation(round=rnd, agency=a, required=True) for a in agencies.filter(kind="education")]
    else:
        participants = [Participation(round=rnd, agency=a, required=a.s11_duty != S11Duty.VOLUNTARY) for a in agencies]
    Participation.objects.bulk_create(participants)
    return rnd


@transaction.atomic
def participation_set(*, round: Round, agency: Agency, mode: str) -> None:
    """Set an agency's place in a round: "required", "invited" or "none" (left out)."""
    if mode == "none":
        if Return.objects.filter(round=round, agency=agency).exists():
            raise ValidationError(f"{agency} has already started its return and cannot be left out.")
        Participation.objects.filter(round=round, agency=agency).delete()
        return
    if mode not in ("required", "invited"):
        raise ValidationError("Choose required, invited or not taking part.")
    Participation.objects.update_or_create(round=round, agency=agency, defaults={"required": mode == "required"})


# --- returns ---------------------------------------------------------------------------------


def _previous_return(round: Round, agency: Agency) -> Return | None:
    return (
        Return.objects.filter(
            agency=agency, round__opens_on__lt=round.opens_on, round__standard_set__audit=round.standard_set.audit
        )
        .order_by("-round__opens_on")
        .prefetch_related("responses__standard", "responses__criteria__criterion", "responses__evidence")
        .first()
    )


@transaction.atomic
def return_start(*, round: Round, agency: Agency, by) -> Return:
    """Start an agency's return, carried forward from its previous return where there is one.

    Ratings, narrative and evidence links come across by standard number (and criterion
    number), each marked as carried forward until the agency saves that standard again.
    """
    existing = Return.objects.filter(round=round, agency=agency).first()
    if existing is not None:
        return existing
    if not Participation.objects.filter(round=round, agency=agency).exists():
        raise ValidationError(f"{agency} is not taking part in {round}.")
    previous = _previous_return(round, agency)
    submission = Return.objects.create(round=round, agency=agency, carried_from=previous)
    old = {r.standard.number: r for r in previous.responses.all()} if previous else {}
    standards = list(round.standard_set.standards.prefetch_related("criteria"))
    for standard in standards:
        before = old.get(standard.number)
        response = StandardResponse.objects.create(
            submission=submission,
            standard=standard,
            rating=before.rating if before else "",
            na_reason=before.na_reason if before else "",
            narrative=before.narrative if before else "",
            carried_forward=before is not None and bool(before.rating or before.narrative),
            updated_by=by,
        )
        old_criteria = {c.criterion.number: c for c in before.criteria.all()} if before else {}
        CriterionResponse.objects.bulk_create(
            [
                CriterionResponse(
                    response=response,
                    criterion=criterion,
                    rating=old_criteria[criterion.number].rating if criterion.number in old_criteria else "",
                    note=old_criteria[criterion.number].note if criterion.number in old_criteria else "",
                )
                for criterion in standard.criteria.all()
            ]
        )
        if before is not None:
            EvidenceFile.objects.bulk_create(
                [
                    EvidenceFile(
                        response=response,
                        file=e.file.name,
                        original_name=e.original_name,
                        content_type=e.content_type,
                        size=e.size,
                        carried_forward=True,
                        uploaded_by=e.uploaded_by,
                    )
                    for e in before.evidence.all()
                ]
            )
    record_event(
        submission, ReturnEvent.Kind.STARTED, by, "Carried forward from the previous return." if previous else ""
    )
    return submission


def check_evidence(upload: UploadedFile) -> uploads.Accepted:
    """The file's real content type, or a ValidationError naming what is wrong."""
    return uploads.check_upload(upload, "document")


@transaction.atomic
def standard_save(
    *,
    response: StandardResponse,
    by,
    version: int,
    rating: str,
    na_reason: str = "",
    narrative: str = "",
    no_action_reason: str = "",
    criteria: dict[int, tuple[str, str]] | None = None,
    files: list[UploadedFile] = (),
) -> StandardResponse:
    """Save one standard of a draft; refused (StaleEdit) if someone saved it since `version`.

    A draft may be incomplete: the submission check, not this save, insists on ratings.
    """
    submission = response.submission
    if not can_edit_return(by, submission):
        raise ValidationError("This return cannot be changed now.")
    if rating and rating not in scoring.RATINGS:
        raise ValidationError({"rating": "Choose one of the ratings."})
    if rating == scoring.NOT_APPLICABLE and not na_reason.strip():
        raise ValidationError(
            {"na_reason": "Say why this standard does not apply to your agency: without a reason it cannot be N/A."}
        )
    accepted = [check_evidence(f) for f in files]
    claim_version(StandardResponse, response, version)
    response.refresh_from_db()
    response.rating = rating
    response.na_reason = na_reason.strip() if rating == scoring.NOT_APPLICABLE else ""
    response.narrative = narrative.strip()
    response.no_action_reason = no_action_reason.strip() if rating in scoring.NEEDS_ACTION else ""
    response.carried_forward = False
    response.imported_from = ""
    response.updated_by = by
    response.save()
    for answer in response.criteria.select_related("criterion"):
        if criteria and answer.criterion.number in criteria:
            new_rating, note = criteria[answer.criterion.number]
            if (answer.rating, answer.note) != (new_rating, note.strip()):
                answer.rating, answer.note = new_rating, note.strip()
                answer.save()
    for upload, kind in zip(files, accepted, strict=True):
        stored = EvidenceFile(
            response=response,
            original_name=Path(upload.name).name[:255],
            content_type=kind.mime,
            size=upload.size,
            uploaded_by=by,
        )
        # Stored under an internal name; the original name is only ever shown, never used as a path.
        stored.file.save(uploads.stored_name(kind), upload, save=False)
        stored.save()
    Return.objects.filter(pk=submission.pk).update(updated_at=timezone.now())
    return response


@transaction.atomic
def standard_confirm(*, response: StandardResponse, by, version: int) -> StandardResponse:
    """Confirm a carried-forward answer unchanged: it now counts as this round's answer."""
    if not can_edit_return(by, response.submission):
        raise ValidationError("This return cannot be changed now.")
    if not response.carried_forward:
        return response
    claim_version(StandardResponse, response, version)
    response.refresh_from_db()
    response.carried_forward = False
    response.updated_by = by
    response.save()
    Return.objects.filter(pk=response.submission_id).update(updated_at=timezone.now())
    return response


@transaction.atomic
def evidence_remove(*, evidence: EvidenceFile, by) -> None:
    """Unlink an evidence file from a draft (the stored file stays for earlier rounds that use it)."""
    if not can_edit_return(by, evidence.response.submission):
        raise ValidationError("This return cannot be changed now.")
    evidence.delete()


def standard_states(submission: Return) -> list[scoring.StandardState]:
    """What the submission check needs: responses with evidence counted, action counts, and the
    name of the round answers were carried forward from (when there is one)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count

    responses = list(submission.responses.select_related("standard").annotate(evidence_count=Count("evidence")))
    carried_from = ""
    if submission.carried_from_id and any(r.carried_forward for r in responses):
        carried_from = (
            Return.objects.filter(pk=submission.carried_from_id).values_list("round__name", flat=True).first() or ""
        )
    counts = dict(
        Action.objects.filter(
            source_type=ContentType.objects.get_for_model(StandardResponse),
            source_id__in=[r.pk for r in responses],
        )
        .exclude(status=Action.Status.WITHDRAWN)
        .values_list("source_id")
        .annotate(n=Count("pk"))
    )
    return [
        scoring.StandardState(
            number=r.standard.number,
            title=r.standard.title,
            rating=r.rating or None,
            na_reason=r.na_reason,
            action_count=counts.get(r.pk, 0),
            no_action_reason=r.no_action_reason,
            carried_forward=r.carried_forward,
            carried_from=carried_from,
            imported_from=r.imported_from,
            evidence_rule=r.standard.fully_met_evidence,
            evidence_files=r.evidence_count,
            evidence_text=r.narrative,
        )
        for r in responses
    ]


@transaction.atomic
def return_submit(*, submission: Return, by, senior_manager: str, declaration: bool) -> Return:
    """Submit a complete return; the lead declares on behalf of the agency's senior manager."""
    submission = Return.objects.select_for_update().get(pk=submission.pk)
    if not has_role(by, AGENCY_LEAD) or by.agency_id != submission.agency_id:
        raise ValidationError("Only the agency's lead can sign the declaration and submit.")
    if not submission.is_editable:
        raise ValidationError("This return has already been submitted.")
    problems = scoring.submission_problems(standard_states(submission))
    if problems:
        raise ValidationError(
            "These standards stop the return being submitted: "
            + "; ".join(f"standard {s.number} is {p}" for s, p in problems)
        )
    errors = {}
    if not senior_manager.strip():
        errors["senior_manager"] = "Name the senior manager on whose behalf you declare."
    if not declaration:
        errors["declaration"] = "Tick the declaration to submit."
    if errors:
        raise ValidationError(errors)
    resubmitted = submission.status == Return.Status.RETURNED
    submission.senior_manager = senior_manager.strip()
    submission.declared_by = by
    submission.declared_at = timezone.now()
    return move_return(
        submission,
        Return.Status.SUBMITTED,
        ReturnEvent.Kind.SUBMITTED,
        by,
        "Resubmitted after revision." if resubmitted else "",
    )
