"""Reminder e-mails: daily to owners (due within 14 days, overdue), weekly digests to chairs.

Each send logs (person, action, kind, day) with partnership.reminders.log_once in the same
transaction as the e-mail, so a second run for the same day sends nothing.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from actions import rules
from actions.models import Action
from partnership.models import Membership, User
from partnership.reminders import log_once


def _due_soon_end(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=rules.DUE_SOON_DAYS)


def owners_to_remind(*, today: dt.date) -> list[int]:
    """Ids of active owners with an open action overdue or due within 14 days."""
    return list(
        Action.objects.open()
        .filter(due_date__lte=_due_soon_end(today), owner__is_active=True)
        .exclude(owner__email="")
        .order_by("owner_id")
        .values_list("owner_id", flat=True)
        .distinct()
    )


def chairs_to_digest(*, today: dt.date) -> list[int]:
    """Ids of active sub-committee chairs with overdue actions in a sub-committee they chair."""
    overdue_in = Action.objects.overdue(today).values("subcommittee_id")
    return list(
        Membership.objects.filter(is_chair=True, subcommittee_id__in=overdue_in, user__is_active=True)
        .exclude(user__email="")
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )


OVERDUE, DUE_SOON, CHAIR_DIGEST = "overdue", "due_soon", "chair_digest"
LABELS = {DUE_SOON: "Due within 14 days", OVERDUE: "Overdue", CHAIR_DIGEST: "Weekly digest of overdue actions"}


def _log(recipient, kind: str, today: dt.date, actions: list[Action]) -> list[Action]:
    """The actions not yet in a reminder of this kind to this person today, now logged."""
    return log_once(recipient=recipient, items=actions, step=kind, on_date=today, label=LABELS[kind])


def _send(*, to, subject: str, template: str, context: dict) -> None:
    context = {**context, "base_url": getattr(settings, "PORTAL_BASE_URL", "").rstrip("/")}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"actions/email/{template}.txt", context),
        to=[to.email],
    )
    message.attach_alternative(render_to_string(f"actions/email/{template}.html", context), "text/html")
    message.send()


@transaction.atomic
def owner_reminder_send(*, user_id: int, today: dt.date) -> bool:
    """One e-mail to an owner about their overdue and due-soon actions; False if nothing new today."""
    owner = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if owner is None:
        return False
    actions = list(
        Action.objects.open()
        .filter(owner=owner, due_date__lte=_due_soon_end(today))
        .select_related("agency", "subcommittee")
        .order_by("due_date", "pk")
    )
    groups: dict[str, list[Action]] = {OVERDUE: [], DUE_SOON: []}
    for action in actions:
        kind = rules.reminder_kind(action.due_date, action.status, today)
        if kind:
            groups[kind].append(action)
    sendable = {kind: fresh for kind, items in groups.items() if (fresh := _log(owner, kind, today, items))}
    if not sendable:
        return False
    overdue = sendable.get(OVERDUE, [])
    due_soon = sendable.get(DUE_SOON, [])
    parts = [f"{len(overdue)} overdue" if overdue else "", f"{len(due_soon)} due soon" if due_soon else ""]
    _send(
        to=owner,
        subject=f"Your partnership actions: {' and '.join(p for p in parts if p)}",
        template="owner_reminder",
        context={"owner": owner, "overdue": overdue, "due_soon": due_soon, "today": today, "days": rules.DUE_SOON_DAYS},
    )
    return True


@transaction.atomic
def chair_digest_send(*, user_id: int, today: dt.date) -> bool:
    """The weekly digest of overdue actions in the sub-committees a chair chairs."""
    chair = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if chair is None:
        return False
    chaired = Membership.objects.filter(user=chair, is_chair=True).values("subcommittee_id")
    actions = list(
        Action.objects.overdue(today)
        .filter(subcommittee_id__in=chaired)
        .select_related("agency", "owner", "subcommittee")
        .order_by("subcommittee__name", "due_date", "pk")
    )
    if not _log(chair, CHAIR_DIGEST, today, actions):
        return False
    _send(
        to=chair,
        subject=f"Weekly digest: {len(actions)} overdue action{'s' if len(actions) != 1 else ''} in your sub-committees",
        template="chair_digest",
        context={"chair": chair, "actions": actions, "today": today},
    )
    return True
