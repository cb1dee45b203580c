"""Writes for Section 11: keyword-only, atomic; history recorded by simple-history in the same transaction."""

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from actions.models import Action
from bscp_portal.lib import uploads
from bscp_portal.lib.concurrency import claim_version
from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD, has_role
from partnership.models import Agency, S11Duty
from section11 import escalation as escalation_rules
from section11 import exchange, scoring
from section11.models import (
    Audit,
    ChallengeRecord,
    ChallengeSession,
    CriterionResponse,
    Escalation,
    EscalationLetter,
    EscalationStep,
    EvidenceFile,
    ListedEvidence,
    Participation,
    Return,
    ReturnEvent,
    Round,
    StandardResponse,
    StandardSet,
)


def can_edit_return(user, submission: Return) -> bool:
    """Agency leads and contributors of the return's agency, while it is a draft or returned."""
    return (
        has_role(user, AGENCY_LEAD, AGENCY_CONTRIBUTOR)
        and user.agency_id == submission.agency_id
        and submission.is_editable
    )


def _event(submission: Return, kind: str, by, note: str = "", at=None) -> ReturnEvent:
    return ReturnEvent.objects.create(submission=submission, kind=kind, by=by, at=at or timezone.now(), note=note)


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
    _event(submission, ReturnEvent.Kind.STARTED, by, "Carried forward from the previous return." if previous else "")
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


# --- shared returns: the exchange file -------------------------------------------------------


def can_export_return(user, submission: Return) -> bool:
    """The agency's own lead, or the business unit (which administers every agency's return)."""
    from partnership.access import BUSINESS_UNIT

    return has_role(user, BUSINESS_UNIT) or (has_role(user, AGENCY_LEAD) and user.agency_id == submission.agency_id)


def can_import_into(user, submission: Return) -> bool:
    """Only the agency's own lead, and only while the return is a draft or returned for revision."""
    return has_role(user, AGENCY_LEAD) and user.agency_id == submission.agency_id and submission.is_editable


@dataclass
class ImportOutcome:
    """What an import did, standard by standard, for the person who ran it."""

    source: str
    imported: list[int] = dataclasses.field(default_factory=list)  # this round's standard numbers, now unconfirmed
    kept: list[int] = dataclasses.field(default_factory=list)  # already answered in this return: left as they were
    unmatched: list[str] = dataclasses.field(default_factory=list)  # the file's standards with no match here
    unmatched_criteria: list[str] = dataclasses.field(default_factory=list)

    def summary(self) -> str:
        parts = [f"Imported from {self.source}: " + _numbers("standard", self.imported) + ", to confirm."]
        if self.kept:
            parts.append(_numbers("Standard", self.kept) + " already answered in this return: kept as they were.")
        if self.unmatched:
            parts.append("Not in this round's standards, so not imported: " + "; ".join(self.unmatched) + ".")
        if self.unmatched_criteria:
            parts.append("Criteria not matched, so not imported: " + "; ".join(self.unmatched_criteria) + ".")
        return " ".join(parts)


def _numbers(noun: str, numbers: list[int]) -> str:
    if not numbers:
        return f"no {noun.lower()}s"
    plural = "s" if len(numbers) > 1 else ""
    listed = ", ".join(str(n) for n in numbers[:-1]) + (" and " if len(numbers) > 1 else "") + str(numbers[-1])
    return f"{noun}{plural} {listed}"


def _answered_here(response: StandardResponse) -> bool:
    """An answer the agency has given (or confirmed) in this return, which an import must not overwrite."""
    return not response.carried_forward and bool(response.rating or response.narrative.strip())


@transaction.atomic
def return_import(*, submission: Return, by, document: dict) -> ImportOutcome:
    """Import an exchange document (already checked by `exchange.parse`) into a draft return.

    Standards pair by code, else number and title. Each imported answer is marked "imported from
    <partnership, round>, not yet confirmed" until the agency confirms or changes it. Answers the
    agency has already given in this return are kept; standards with no match are reported. The
    evidence comes across as a list (name, size, SHA-256), not as files.
    """
    submission = Return.objects.select_for_update().get(pk=submission.pk)
    if not can_import_into(by, submission):
        raise ValidationError("Only the agency's lead can import into its return, and only while it is a draft.")
    source = exchange.source_label(document)
    responses = {
        r.standard.code: r
        for r in submission.responses.select_related("standard").prefetch_related("criteria__criterion")
    }
    local = [
        exchange.LocalStandard(code=c, number=r.standard.number, title=r.standard.title) for c, r in responses.items()
    ]
    pairs, unmatched = exchange.match_standards(document["standards"], local)
    outcome = ImportOutcome(source=source, unmatched=[f'standard {s["number"]}, "{s["title"]}"' for s in unmatched])
    if not pairs:
        raise ValidationError(
            "None of the standards in this file match this round's standards, so nothing was imported. "
            "Not matched: " + "; ".join(outcome.unmatched) + "."
        )
    for item, target in sorted(pairs, key=lambda p: p[1].number):
        response = responses[target.code]
        if _answered_here(response):
            outcome.kept.append(target.number)
            continue
        rating = item["rating"]
        response.rating = rating
        response.na_reason = item["na_reason"].strip() if rating == scoring.NOT_APPLICABLE else ""
        response.narrative = item["narrative"].strip()
        response.no_action_reason = item.get("no_action_reason", "").strip() if rating in scoring.NEEDS_ACTION else ""
        response.carried_forward = bool(rating or response.narrative)
        response.imported_from = source if response.carried_forward else ""
        response.updated_by = by
        response.version += 1
        response.save()
        answers = {a.criterion.number: a for a in response.criteria.all()}
        for c in item.get("criteria", []):
            answer = answers.get(c["number"])
            if answer is None or not exchange.same_words(answer.criterion.text, c["text"]):
                outcome.unmatched_criteria.append(f"{target.number}.{c['number']}")
                continue
            answer.rating, answer.note = c["rating"], c.get("note", "").strip()
            answer.save()
        response.listed_evidence.all().delete()
        ListedEvidence.objects.bulk_create(
            [
                ListedEvidence(
                    response=response,
                    name=e["name"],
                    size=e["size"],
                    sha256=e["sha256"],
                    content_type=e.get("content_type", ""),
                    description=e.get("description", "").strip(),
                    listed_in=source,
                )
                for e in item["evidence"]
            ]
        )
        outcome.imported.append(target.number)
    Return.objects.filter(pk=submission.pk).update(updated_at=timezone.now())
    _event(submission, ReturnEvent.Kind.IMPORTED, by, outcome.summary())
    return outcome


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
    submission.status = Return.Status.SUBMITTED
    submission.senior_manager = senior_manager.strip()
    submission.declared_by = by
    submission.declared_at = timezone.now()
    submission.version += 1
    submission.save()
    _event(submission, ReturnEvent.Kind.SUBMITTED, by, "Resubmitted after revision." if resubmitted else "")
    return submission


# --- review ----------------------------------------------------------------------------------


def _check_reviewer(by) -> None:
    from partnership.access import BUSINESS_UNIT, PAQA

    if not has_role(by, PAQA, BUSINESS_UNIT):
        raise ValidationError("Only PAQA members and the business unit review returns.")


@transaction.atomic
def review_save(*, submission: Return, by, reviews: dict[int, tuple[str, str]]) -> Return:
    """Record reviewer ratings and comments per standard number (kept beside the self-ratings)."""
    _check_reviewer(by)
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
    _check_reviewer(by)
    if submission.status not in (Return.Status.SUBMITTED, Return.Status.UNDER_CHALLENGE):
        raise ValidationError("Only a submitted return or one under challenge can be returned for revision.")
    if not note.strip() and not submission.responses.exclude(reviewer_comment="").exists():
        raise ValidationError("Write a comment on at least one standard to say what needs revising.")
    submission.status = Return.Status.RETURNED
    submission.version += 1
    submission.save()
    _event(submission, ReturnEvent.Kind.RETURNED, by, note.strip())
    return submission


@transaction.atomic
def return_to_challenge(*, submission: Return, by) -> Return:
    _check_reviewer(by)
    if submission.status != Return.Status.SUBMITTED:
        raise ValidationError("Only a submitted return can move to challenge.")
    submission.status = Return.Status.UNDER_CHALLENGE
    submission.version += 1
    submission.save()
    _event(submission, ReturnEvent.Kind.CHALLENGE, by)
    return submission


# --- challenge sessions ----------------------------------------------------------------------


@transaction.atomic
def session_create(
    *, round: Round, by, held_on: dt.date, venue: str = "", panel=(), submissions=(), notes: str = ""
) -> ChallengeSession:
    """Record a challenge session; the agencies attending move to "under challenge"."""
    _check_reviewer(by)
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
    _check_reviewer(by)
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
        submission.status = Return.Status.ACCEPTED
        submission.version += 1
        submission.save()
        _event(submission, ReturnEvent.Kind.ACCEPTED, by, f"Accepted at the {record.session}.")
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


# --- escalation ------------------------------------------------------------------------------

DEFAULT_LETTER_SUBJECT = "Section 11: {reason} ({round})"
DEFAULT_LETTER_BODY = """Dear colleague,

We are writing to you as the lead for {agency} about the Section 11 self-audit, {round}.

{reason}. Section 11 of the Children Act 2004 places a duty on your organisation to meet these standards, and the partnership holds every agency to account for them.

Please reply by {deadline}, setting out what your organisation will do and by when. If we have not received a response by then, the matter will be referred to the board of the Performance, Audit and Quality Assurance sub-committee and, if it remains unresolved, to the Partnership.

Yours sincerely,

{partnership} business unit"""


def escalation_letter() -> EscalationLetter:
    """The letter's wording (created with the partnership's default wording the first time)."""
    letter, _ = EscalationLetter.objects.get_or_create(
        name="Escalation letter", defaults={"subject": DEFAULT_LETTER_SUBJECT, "body": DEFAULT_LETTER_BODY}
    )
    return letter


LETTER_FIELDS = ("agency", "round", "reason", "standards", "deadline", "partnership")
#: Placeholders of letters written before {deadline} was its name: still filled in.
OLD_LETTER_FIELDS = ("due_date",)


@transaction.atomic
def escalation_letter_save(*, by, subject: str, body: str) -> EscalationLetter:
    """The business unit edits the letter; unknown placeholders are refused with their names."""
    import string

    from partnership.access import BUSINESS_UNIT

    if not has_role(by, BUSINESS_UNIT):
        raise ValidationError("Only the business unit edits the escalation letter.")
    errors = {}
    for field, text in (("subject", subject), ("body", body)):
        if not text.strip():
            errors[field] = "This cannot be empty."
            continue
        try:
            names = {n for _, n, _, _ in string.Formatter().parse(text) if n is not None}
        except ValueError:
            errors[field] = "A brace is not closed: placeholders look like {agency}."
            continue
        unknown = sorted(names - set(LETTER_FIELDS) - set(OLD_LETTER_FIELDS))
        if unknown:
            errors[field] = (
                "Unknown placeholder "
                + ", ".join("{" + n + "}" for n in unknown)
                + ". Use "
                + ", ".join("{" + n + "}" for n in LETTER_FIELDS)
                + "."
            )
    if errors:
        raise ValidationError(errors)
    letter = escalation_letter()
    letter.subject, letter.body = subject.strip(), body.strip()
    letter.save()
    return letter


def _step(escalation: Escalation, stage: str, on: dt.date, by, note: str = "") -> None:
    EscalationStep.objects.create(escalation=escalation, stage=stage, on=on, by=by, note=note)


@transaction.atomic
def escalation_open(
    *,
    round: Round,
    agency: Agency,
    kind: str,
    by,
    today: dt.date,
    submission: Return | None = None,
    standards: str = "",
    note: str = "",
) -> Escalation:
    """Open (once per round, agency and kind) an escalation, dated `today`."""
    existing = Escalation.objects.filter(round=round, agency=agency, kind=kind).first()
    if existing is not None:
        if standards and existing.standards != standards and existing.stage != Escalation.Stage.RESOLVED:
            existing.standards = standards
            existing.save(update_fields=["standards"])
        return existing
    escalation = Escalation.objects.create(
        round=round, agency=agency, kind=kind, submission=submission, standards=standards, opened_on=today
    )
    _step(escalation, Escalation.Stage.OPENED, today, by, note)
    return escalation


@transaction.atomic
def escalations_open_late(*, today: dt.date) -> list[Escalation]:
    """Open an escalation for every required return not submitted by its deadline + 10 working days."""
    opened = []
    done = (Return.Status.SUBMITTED, Return.Status.UNDER_CHALLENGE, Return.Status.ACCEPTED)
    for rnd in Round.objects.filter(deadline__lt=today):
        if not escalation_rules.late_return_due(deadline=rnd.deadline, today=today, submitted=False):
            continue
        submitted = set(Return.objects.filter(round=rnd, status__in=done).values_list("agency_id", flat=True))
        already = set(
            Escalation.objects.filter(round=rnd, kind=Escalation.Kind.LATE_RETURN).values_list("agency_id", flat=True)
        )
        for p in Participation.objects.filter(round=rnd, required=True).select_related("agency"):
            if p.agency_id in submitted or p.agency_id in already:
                continue
            due = escalation_rules.late_return_escalates_after(rnd.deadline)
            opened.append(
                escalation_open(
                    round=rnd,
                    agency=p.agency,
                    kind=Escalation.Kind.LATE_RETURN,
                    by=None,
                    today=today,
                    submission=Return.objects.filter(round=rnd, agency=p.agency).first(),
                    note=f"Not submitted by {rnd.deadline:%-d %B %Y} plus 10 working days ({due:%-d %B %Y}).",
                )
            )
    return opened


@transaction.atomic
def escalation_step(
    *, escalation: Escalation, by, to: str, version: int, today: dt.date | None = None, note: str = ""
) -> Escalation:
    """Move an escalation on one step (letter, PAQA's board, the Partnership, resolved), dated today."""
    _check_reviewer(by)
    today = today or timezone.localdate()
    problem = escalation_rules.step_problem(
        stage=escalation.stage, to=to, today=today, due=escalation.response_due, note=note
    )
    if problem:
        raise ValidationError(problem)
    claim_version(Escalation, escalation, version)
    escalation.refresh_from_db()
    escalation.stage = to
    if to == Escalation.Stage.LETTER_SENT:
        escalation.letter_sent_on = today
        escalation.response_due = escalation_rules.response_due(today)
    elif to == Escalation.Stage.PAQA_BOARD:
        escalation.paqa_on = today
    elif to == Escalation.Stage.PARTNERSHIP:
        escalation.partnership_on = today
    elif to == Escalation.Stage.RESOLVED:
        escalation.resolved_on = today
        escalation.resolution = note.strip()
    escalation.save()
    _step(escalation, to, today, by, note.strip())
    return escalation
