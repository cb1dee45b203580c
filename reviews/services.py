"""Writes for reviews: keyword-only, atomic; history is recorded by simple-history in the same
transaction. Every service raises ValidationError with a message a person can act on."""

import datetime as dt
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from actions.models import Action
from bscp_portal.lib import uploads
from bscp_portal.lib.concurrency import update_versioned
from bscp_portal.lib.records import check_field_names, create_with_related, required_text
from reviews import rules
from reviews.models import (
    Attachment,
    Briefing,
    CaseReview,
    Consultation,
    DisseminationEvent,
    Inspection,
    PractitionerFeedback,
    Recommendation,
    ThemedReview,
)

CASE_FIELDS = (
    "title",
    "kind",
    "approach",
    "status",
    "became_aware_on",
    "notified_on",
    "rapid_review_on",
    "decision",
    "decided_by",
    "decided_on",
    "decision_reason",
    "panel_view",
    "reviewer",
    "terms_of_reference",
    "started_on",
    "completed_on",
    "published_on",
    "not_published_reason",
)


def _check_case(fields: dict, *, old_status: str | None) -> None:
    problems = rules.date_order_problems(fields)
    for field, message in rules.status_problems(
        old=old_status,
        new=fields.get("status") or CaseReview.Status.NOTIFIED,
        notified_on=fields.get("notified_on"),
        completed_on=fields.get("completed_on"),
        published_on=fields.get("published_on"),
        not_published_reason=fields.get("not_published_reason", ""),
        decision=fields.get("decision", ""),
    ).items():
        problems.setdefault(field, message)
    problems.update(
        rules.publication_problems(
            published_on=fields.get("published_on"),
            completed_on=fields.get("completed_on"),
            reason=fields.get("not_published_reason", ""),
        )
    )
    if fields.get("approach") and fields.get("kind") != CaseReview.Kind.LEARNING:
        problems.setdefault("approach", "An approach is recorded for learning lessons reviews only.")
    if fields.get("decision") and not fields.get("decided_on"):
        problems.setdefault("decided_on", "Say when the decision was made.")
    if problems:
        raise ValidationError(problems)


def _reference_taken(reference: str, exclude_pk=None) -> bool:
    qs = CaseReview.objects.filter(reference__iexact=reference)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


@transaction.atomic
def case_review_create(*, by, reference: str, agencies=(), themes=(), **fields) -> CaseReview:
    """Record a case review (from a serious incident notification or a learning review)."""
    reference = (reference or "").strip().upper()
    if not reference:
        raise ValidationError({"reference": "Give the review a reference, such as RR-2025-03."})
    if _reference_taken(reference):
        raise ValidationError({"reference": f"There is already a review with the reference {reference}."})
    check_field_names(fields, CASE_FIELDS, "case review")
    _check_case(fields, old_status=None)
    return create_with_related(
        CaseReview(reference=reference, created_by=by, **fields), related={"agencies": agencies, "themes": themes}
    )


@transaction.atomic
def case_review_update(*, review: CaseReview, by, version: int, agencies=None, themes=None, **fields) -> CaseReview:
    """Change a case review; refuses dates out of order, a status its dates do not support or
    a step skipped (rules.status_problems), and a stale version."""
    related = {"agencies": agencies, "themes": themes}
    check = partial(_check_case, old_status=review.status)
    return _checked_update(review, version, fields, related, CASE_FIELDS, "case review", check, exclude=("reference",))


def _checked_update(record, version: int, fields: dict, related: dict, names, what: str, check, *, exclude=()):
    """Change a record: refuses a field it does not know (`names`), the record as it would
    become when `check` finds a problem with it, and a stale version."""
    check_field_names(fields, names, what)
    check({f: getattr(record, f) for f in names} | fields)
    return update_versioned(record, version=version, fields=fields, related=related, exclude=(*related, *exclude))


@transaction.atomic
def case_review_refer(
    *, by, reference: str, kind: str, title: str, became_aware_on: dt.date, agencies=()
) -> CaseReview:
    """A case referred for review (by the CDOP panel, for instance): creates the review, or
    returns the existing one with that reference unchanged, adding any new agencies."""
    reference = (reference or "").strip().upper()
    existing = CaseReview.objects.filter(reference__iexact=reference).first()
    if existing is not None:
        if agencies:
            existing.agencies.add(*agencies)
        return existing
    if kind not in CaseReview.Kind.values:
        raise ValidationError({"kind": f"Unknown kind of case review: {kind}."})
    return case_review_create(
        by=by,
        reference=reference,
        kind=kind,
        title=title,
        became_aware_on=became_aware_on,
        status=CaseReview.Status.NOTIFIED,
        agencies=agencies,
    )


@transaction.atomic
def case_review_decide(
    *,
    review: CaseReview,
    by,
    version: int,
    decision: str,
    decided_by: str,
    decided_on: dt.date,
    decision_reason: str,
    panel_view: str = "",
) -> CaseReview:
    """Record whether the case meets the criteria for a practice review, who decided, when, why."""
    decision_reason = required_text(decision_reason, "decision_reason", "Say why: the decision must be explained.")
    decided_by = required_text(decided_by, "decided_by", "Say who made the decision.")
    fields = {
        "decision": decision,
        "decided_by": decided_by,
        "decided_on": decided_on,
        "decision_reason": decision_reason,
        "panel_view": (panel_view or "").strip(),
    }
    if decision in (CaseReview.Decision.PRACTICE_REVIEW, CaseReview.Decision.NATIONAL_REVIEW) and review.status in (
        CaseReview.Status.NOTIFIED,
        CaseReview.Status.RAPID_REVIEW,
    ):
        fields["status"] = CaseReview.Status.IN_PROGRESS
        if review.kind == CaseReview.Kind.RAPID:
            fields["kind"] = (
                CaseReview.Kind.LOCAL_CSPR
                if decision == CaseReview.Decision.PRACTICE_REVIEW
                else CaseReview.Kind.NATIONAL
            )
    elif decision == CaseReview.Decision.LEARNING_REVIEW and review.kind == CaseReview.Kind.RAPID:
        fields["status"] = CaseReview.Status.IN_PROGRESS
    elif decision == CaseReview.Decision.NO_FURTHER:
        fields["status"] = CaseReview.Status.CLOSED
    return case_review_update(review=review, by=by, version=version, **fields)


# --- themed reviews ----------------------------------------------------------------------------

THEMED_FIELDS = (
    "theme",
    "rationale",
    "agreed_by",
    "agreed_on",
    "methodology_notes",
    "status",
    "started_on",
    "completed_on",
    "findings",
    "policy_change",
)


def _refuse_problems(fields: dict, date_order, name: tuple[str, str], more: dict[str, str]) -> None:
    """ValidationError for dates out of `date_order`, an empty name field (`name`: the field and
    what to say) and `more` problems (each only where its field has none yet), when there are any."""
    problems = rules.date_order_problems(fields, date_order)
    field, message = name
    if not (fields.get(field) or "").strip():
        problems[field] = message
    for field, message in more.items():
        problems.setdefault(field, message)
    if problems:
        raise ValidationError(problems)


def _check_themed(fields: dict) -> None:
    done = fields.get("status") in (ThemedReview.Status.COMPLETED, ThemedReview.Status.CLOSED)
    more = {"completed_on": "Give the completion date of a completed review."}
    undated = done and not fields.get("completed_on")
    _refuse_problems(
        fields, rules.THEMED_DATE_ORDER, ("theme", "Name the theme under review."), more if undated else {}
    )


@transaction.atomic
def themed_review_create(*, by, methodologies=(), agencies=(), themes=(), **fields) -> ThemedReview:
    """Record a themed review agreed by the Partnership chair."""
    check_field_names(fields, THEMED_FIELDS, "themed review")
    _check_themed(fields)
    return create_with_related(
        ThemedReview(created_by=by, **fields),
        related={"methodologies": methodologies, "agencies": agencies, "themes": themes},
    )


@transaction.atomic
def themed_review_update(
    *, review: ThemedReview, by, version: int, methodologies=None, agencies=None, themes=None, **fields
) -> ThemedReview:
    related = {"methodologies": methodologies, "agencies": agencies, "themes": themes}
    return _checked_update(review, version, fields, related, THEMED_FIELDS, "themed review", _check_themed)


@transaction.atomic
def consultation_add(
    *, review: ThemedReview, by, group: str, method: str, held_on: dt.date, participants: int
) -> Consultation:
    """Stakeholders consulted: a group, how, when and how many (a count, never names)."""
    if participants is None or participants < 1:
        raise ValidationError({"participants": "Give how many took part (1 or more)."})
    if review.agreed_on and held_on < review.agreed_on:
        raise ValidationError({"held_on": "A consultation cannot be before the review was agreed."})
    consultation = Consultation(
        review=review, group=group, method=method.strip(), held_on=held_on, participants=participants
    )
    consultation.full_clean()
    consultation.save()
    return consultation


# --- inspections -------------------------------------------------------------------------------

INSPECTION_FIELDS = (
    "title",
    "kind",
    "inspectorate",
    "inspected_from",
    "inspected_to",
    "published_on",
    "judgement",
    "findings",
)


def _check_inspection(fields: dict) -> None:
    more = rules.inspection_problems(
        judgement=fields.get("judgement", ""),
        published_on=fields.get("published_on"),
        findings=fields.get("findings", ""),
    )
    _refuse_problems(fields, rules.INSPECTION_DATE_ORDER, ("title", "Say what was inspected."), more)


@transaction.atomic
def inspection_create(*, by, agencies=(), themes=(), **fields) -> Inspection:
    """Record an external inspection: its dates, inspectorate, judgement and findings."""
    check_field_names(fields, INSPECTION_FIELDS, "inspection")
    _check_inspection(fields)
    return create_with_related(Inspection(created_by=by, **fields), related={"agencies": agencies, "themes": themes})


@transaction.atomic
def inspection_update(*, inspection: Inspection, by, version: int, agencies=None, themes=None, **fields) -> Inspection:
    """Change an inspection; refuses dates out of order and a stale version."""
    related = {"agencies": agencies, "themes": themes}
    return _checked_update(inspection, version, fields, related, INSPECTION_FIELDS, "inspection", _check_inspection)


# --- recommendations ---------------------------------------------------------------------------


@transaction.atomic
def recommendation_add(
    *, by, text: str, agency, case_review=None, themed_review=None, inspection=None
) -> Recommendation:
    """Add a recommendation to a case review, themed review or inspection, numbered in order."""
    if sum(source is not None for source in (case_review, themed_review, inspection)) != 1:
        raise ValueError("a recommendation belongs to exactly one review or inspection")
    text = required_text(text, "text", "Write the recommendation.")
    siblings = Recommendation.objects.filter(
        case_review=case_review, themed_review=themed_review, inspection=inspection
    )
    number = (siblings.aggregate(n=Max("number"))["n"] or 0) + 1
    return Recommendation.objects.create(
        case_review=case_review,
        themed_review=themed_review,
        inspection=inspection,
        number=number,
        text=text,
        agency=agency,
    )


@transaction.atomic
def recommendation_close(*, recommendation: Recommendation, by, note: str = "") -> Recommendation:
    """Close a recommendation: only when all its actions are signed off with evidence."""
    if recommendation.status == Recommendation.Status.CLOSED:
        raise ValidationError("This recommendation is already closed.")
    statuses = list(Action.objects.for_source(recommendation).values_list("status", flat=True))
    problem = rules.close_problem(statuses)
    if problem:
        raise ValidationError(problem)
    recommendation.status = Recommendation.Status.CLOSED
    recommendation.closed_on = timezone.localdate()
    recommendation.closed_by = by
    recommendation.closing_note = (note or "").strip()
    recommendation.version += 1
    recommendation.save()
    return recommendation


@transaction.atomic
def recommendation_reopen(*, recommendation: Recommendation, by) -> Recommendation:
    if recommendation.status != Recommendation.Status.CLOSED:
        raise ValidationError("Only a closed recommendation can be reopened.")
    recommendation.status = Recommendation.Status.OPEN
    recommendation.closed_on = None
    recommendation.closed_by = None
    recommendation.version += 1
    recommendation.save()
    return recommendation


# --- learning ----------------------------------------------------------------------------------


@transaction.atomic
def briefing_add(
    *, review: CaseReview, by, kind: str, title: str, summary: str, published_on: dt.date, upload=None
) -> Briefing:
    """A learning briefing (7-minute briefing, learning note), optionally with its document."""
    if review.completed_on is None and review.rapid_review_on and published_on < review.rapid_review_on:
        raise ValidationError({"published_on": "A briefing cannot be published before the rapid review."})
    if review.became_aware_on and published_on < review.became_aware_on:
        raise ValidationError({"published_on": "A briefing cannot be published before the partnership became aware."})
    briefing = Briefing(
        case_review=review, kind=kind, title=title.strip(), summary=summary.strip(), published_on=published_on
    )
    briefing.full_clean()
    briefing.save()
    if upload is not None:
        attachment_add(by=by, case_review=review, briefing=briefing, kind=Attachment.Kind.BRIEFING, upload=upload)
    return briefing


@transaction.atomic
def event_add(
    *,
    review: CaseReview,
    by,
    held_on: dt.date,
    audience: str,
    attendance: int,
    agencies_reached,
    briefing: Briefing | None = None,
) -> DisseminationEvent:
    """A dissemination event: date, audience, agencies reached and attendance."""
    agencies_reached = list(agencies_reached)
    problems = {}
    if not agencies_reached:
        problems["agencies_reached"] = "Choose at least one agency reached."
    if attendance is None or attendance < 1:
        problems["attendance"] = "Give how many attended (1 or more)."
    if review.became_aware_on and held_on < review.became_aware_on:
        problems["held_on"] = "An event cannot be before the partnership became aware of the case."
    if briefing is not None and briefing.case_review_id != review.pk:
        problems["briefing"] = "Choose a briefing of this review."
    if problems:
        raise ValidationError(problems)
    event = DisseminationEvent(
        case_review=review, briefing=briefing, held_on=held_on, audience=audience.strip(), attendance=attendance
    )
    event.full_clean(exclude=["agencies_reached"])
    event.save()
    event.agencies_reached.set(agencies_reached)
    return event


@transaction.atomic
def feedback_add(
    *,
    review: CaseReview,
    by,
    changed_practice: str,
    received_on: dt.date,
    agency=None,
    practitioner_role: str = "",
    comment: str = "",
    event: DisseminationEvent | None = None,
) -> PractitionerFeedback:
    """A practitioner's feedback on whether the learning changed their practice (no names)."""
    if event is not None and event.case_review_id != review.pk:
        raise ValidationError({"event": "Choose an event of this review."})
    if event is not None and received_on < event.held_on:
        raise ValidationError({"received_on": "Feedback cannot be received before the event it is about."})
    feedback = PractitionerFeedback(
        case_review=review,
        event=event,
        received_on=received_on,
        agency=agency,
        practitioner_role=practitioner_role.strip(),
        changed_practice=changed_practice,
        comment=comment.strip(),
    )
    feedback.full_clean()
    feedback.save()
    return feedback


# --- attachments -------------------------------------------------------------------------------


def check_upload(upload) -> uploads.Accepted:
    """The content type of an acceptable upload, or ValidationError (size and type by content)."""
    return uploads.check_upload(upload, "document", field="upload")


@transaction.atomic
def attachment_add(
    *, by, upload, kind: str = Attachment.Kind.REPORT, case_review=None, themed_review=None, briefing=None
) -> Attachment:
    """Store a review document under an internal name; served only through an access-checked view."""
    if (case_review is None) == (themed_review is None):
        raise ValueError("an attachment belongs to exactly one review")
    accepted = check_upload(upload)
    original = (upload.name or "document").rsplit("/", 1)[-1][:255]
    attachment = Attachment(
        case_review=case_review,
        themed_review=themed_review,
        briefing=briefing,
        kind=kind,
        original_name=original,
        content_type=accepted.mime,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(uploads.stored_name(accepted), upload, save=False)
    attachment.save()
    return attachment
