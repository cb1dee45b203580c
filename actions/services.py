"""Writes for actions: keyword-only, atomic, history recorded by simple-history in the same transaction."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actions import rules
from actions.models import Action, ActionEvent, EvidenceFile, ProgressUpdate
from bscp_portal.lib import uploads
from bscp_portal.lib.concurrency import claim_version


def _claim_version(action: Action, version: int | None) -> None:
    """Bump the version if it is still `version` (None: no check); refuse a stale one."""
    claim_version(Action, action, version)
    action.refresh_from_db()


def _check_owner(owner, agency) -> None:
    if owner.agency_id != agency.pk:
        raise ValidationError({"owner": f"The owner must work for the owning agency ({agency})."})


def source_label_of(source) -> str:
    """How a source reads on the action: its `action_source_label` where it has one (an
    indicator's name, without its code), else its text."""
    return str(getattr(source, "action_source_label", None) or source)[:300]


@transaction.atomic
def action_create(
    *,
    created_by,
    description: str,
    measure: str,
    owner,
    agency,
    due_date: dt.date,
    resources: str = "",
    priority: str = Action.Priority.MEDIUM,
    subcommittee=None,
    source=None,
) -> Action:
    """Create a SMART action, optionally linked to the record it came from."""
    if not (measure or "").strip():
        raise ValidationError({"measure": "Say how success will be measured."})
    if not (description or "").strip():
        raise ValidationError({"description": "Say what will be done."})
    _check_owner(owner, agency)
    refusal = source.action_plan_refusal() if hasattr(source, "action_plan_refusal") else None
    if refusal:
        raise ValidationError(refusal)
    action = Action(
        description=description.strip(),
        measure=measure.strip(),
        owner=owner,
        agency=agency,
        due_date=due_date,
        resources=resources,
        priority=priority,
        subcommittee=subcommittee,
        created_by=created_by,
    )
    if source is not None:
        action.source_type = ContentType.objects.get_for_model(source)
        action.source_id = source.pk
        action.source_label = source_label_of(source)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(*, action: Action, by, version: int, reason: str = "", **fields) -> Action:
    """Change an action's SMART fields; refuses if someone saved it since `version` was read.

    Moving the due date or withdrawing the action needs a `reason`; each is kept as an event on
    the action, with the date first agreed and the number of moves.
    """
    reason = (reason or "").strip()
    old_due = action.due_date
    moving = "due_date" in fields and fields["due_date"] != old_due
    withdrawing = fields.get("status") == Action.Status.WITHDRAWN and action.status != Action.Status.WITHDRAWN
    if (moving or withdrawing) and not reason:
        what = "moving the due date" if moving else "withdrawing the action"
        raise ValidationError({"reason": f"Give the reason for {what}."})
    if "owner" in fields or "agency" in fields:
        _check_owner(fields.get("owner", action.owner), fields.get("agency", action.agency))
    if "measure" in fields and not (fields["measure"] or "").strip():
        raise ValidationError({"measure": "Say how success will be measured."})
    if fields.get("status") == Action.Status.COMPLETE and action.status != Action.Status.COMPLETE:
        raise ValidationError({"status": "Mark an action complete by signing it off with evidence of its outcome."})
    _claim_version(action, version)
    for name, value in fields.items():
        setattr(action, name, value)
    if moving:
        action.original_due_date = action.original_due_date or old_due
        action.due_date_moves += 1
    action._change_reason = "edited"
    action.save()
    now = timezone.now()
    if moving:
        ActionEvent.objects.create(
            action=action,
            kind=ActionEvent.Kind.DUE_DATE_MOVED,
            by=by,
            at=now,
            text=f"From {old_due:%-d %B %Y} to {action.due_date:%-d %B %Y}: {reason}",
        )
    if withdrawing:
        ActionEvent.objects.create(action=action, kind=ActionEvent.Kind.WITHDRAWN, by=by, at=now, text=reason)
    return action


@transaction.atomic
def progress_add(
    *, action: Action, by, note: str, on_date: dt.date | None = None, version: int | None = None
) -> ProgressUpdate:
    """Add a dated progress update; an action not yet started moves to in progress."""
    if not (note or "").strip():
        raise ValidationError({"note": "Write what has happened."})
    if action.status not in rules.OPEN_STATUSES:
        raise ValidationError(
            f"This action is {action.get_status_display().lower()}: reopen it before adding progress."
        )
    _claim_version(action, version)
    update = ProgressUpdate.objects.create(
        action=action, author=by, note=note.strip(), on_date=on_date or timezone.localdate()
    )
    if action.status == Action.Status.NOT_STARTED:
        action.status = Action.Status.IN_PROGRESS
        action._change_reason = "progress update"
        action.save(update_fields=["status", "updated_at"])
    return update


@transaction.atomic
def action_sign_off(*, action: Action, by, evidence: str, files=(), version: int | None = None) -> ActionEvent:
    """Mark complete with evidence of outcome (and optional checked files); refused without it."""
    problem = rules.sign_off_problem(evidence)
    if problem:
        raise ValidationError({"evidence": problem})
    if action.status == Action.Status.COMPLETE:
        raise ValidationError("This action is already complete.")
    if action.status == Action.Status.WITHDRAWN:
        raise ValidationError("A withdrawn action cannot be signed off.")
    _claim_version(action, version)
    now = timezone.now()
    action.status = Action.Status.COMPLETE
    action.completed_at = now
    action.completed_by = by
    action.completion_evidence = evidence.strip()
    action._change_reason = "signed off"
    action.save()
    event = ActionEvent.objects.create(
        action=action, kind=ActionEvent.Kind.SIGNED_OFF, by=by, at=now, text=evidence.strip()
    )
    for upload in files:
        evidence_file_add(event=event, upload=upload)
    return event


def evidence_file_add(*, event: ActionEvent, upload) -> EvidenceFile:
    """Store one already-checked upload under an internal name (never the name it came with)."""
    accepted = uploads.check_upload(upload, "document")
    record = EvidenceFile(event=event, original_name=upload.name[:255], content_type=accepted.mime, size=upload.size)
    record.file.save(uploads.stored_name(accepted), upload, save=False)
    record.save()
    return record


@transaction.atomic
def action_reopen(*, action: Action, by, reason: str, version: int | None = None) -> ActionEvent:
    """Reopen a completed action, with the reason kept beside the sign-off it undoes."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the action is being reopened."})
    if action.status != Action.Status.COMPLETE:
        raise ValidationError("Only a completed action can be reopened.")
    _claim_version(action, version)
    action.status = Action.Status.IN_PROGRESS
    action.completed_at = None
    action.completed_by = None
    action._change_reason = "reopened"
    action.save()
    return ActionEvent.objects.create(action=action, kind=ActionEvent.Kind.REOPENED, by=by, text=reason.strip())
