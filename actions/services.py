"""Writes for actions: keyword-only, atomic, history recorded by simple-history in the same transaction."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from actions import rules
from actions.models import Action, ActionEvent, ProgressUpdate


class StaleEdit(Exception):
    """Someone else saved the record since this user opened it."""


def _check_owner(owner, agency) -> None:
    if owner.agency_id != agency.pk:
        raise ValidationError({"owner": f"The owner must work for the owning agency ({agency})."})


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
        action.source_label = str(source)[:300]
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(*, action: Action, by, version: int, **fields) -> Action:
    """Change an action's SMART fields; refuses if someone saved it since `version` was read."""
    if "owner" in fields or "agency" in fields:
        _check_owner(fields.get("owner", action.owner), fields.get("agency", action.agency))
    if "measure" in fields and not (fields["measure"] or "").strip():
        raise ValidationError({"measure": "Say how success will be measured."})
    updated = Action.objects.filter(pk=action.pk, version=version).update(version=F("version") + 1)
    if not updated:
        raise StaleEdit()
    action.refresh_from_db()
    for name, value in fields.items():
        setattr(action, name, value)
    action._change_reason = "edited"
    action.save()
    return action


@transaction.atomic
def progress_add(*, action: Action, by, note: str, on_date: dt.date | None = None) -> ProgressUpdate:
    """Add a dated progress update; an action not yet started moves to in progress."""
    if not (note or "").strip():
        raise ValidationError({"note": "Write what has happened."})
    update = ProgressUpdate.objects.create(
        action=action, author=by, note=note.strip(), on_date=on_date or timezone.localdate()
    )
    if action.status == Action.Status.NOT_STARTED:
        action.status = Action.Status.IN_PROGRESS
        action.version += 1
        action.save(update_fields=["status", "version", "updated_at"])
    return update


@transaction.atomic
def action_sign_off(*, action: Action, by, evidence: str) -> ActionEvent:
    """Mark complete with evidence of outcome; refused without it."""
    problem = rules.sign_off_problem(evidence)
    if problem:
        raise ValidationError({"evidence": problem})
    if action.status == Action.Status.COMPLETE:
        raise ValidationError("This action is already complete.")
    now = timezone.now()
    action.status = Action.Status.COMPLETE
    action.completed_at = now
    action.completed_by = by
    action.completion_evidence = evidence.strip()
    action.version += 1
    action.save()
    return ActionEvent.objects.create(
        action=action, kind=ActionEvent.Kind.SIGNED_OFF, by=by, at=now, text=evidence.strip()
    )


@transaction.atomic
def action_reopen(*, action: Action, by, reason: str) -> ActionEvent:
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the action is being reopened."})
    if action.status != Action.Status.COMPLETE:
        raise ValidationError("Only a completed action can be reopened.")
    action.status = Action.Status.IN_PROGRESS
    action.completed_at = None
    action.completed_by = None
    action.version += 1
    action.save()
    return ActionEvent.objects.create(action=action, kind=ActionEvent.Kind.REOPENED, by=by, text=reason.strip())
