"""Reminders to agencies that have not submitted (28, 14 and 7 days before the deadline, then
weekly when overdue) and a weekly digest to the business unit.

Each e-mail logs (person, round, kind, day) with partnership.reminders.log_once in the same
transaction as the send, so a second run for the same day sends nothing.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD, BUSINESS_UNIT
from partnership.models import Agency, User
from partnership.reminders import log_once
from section11 import scoring, selectors
from section11.models import Audit, Participation, Return, Round

#: Returns in these states still need the agency's work.
OUTSTANDING = (Return.Status.DRAFT, Return.Status.RETURNED)
#: The business unit's digest goes out on this weekday (0 = Monday).
DIGEST_WEEKDAY = 0


def reminder_round(*, today: dt.date) -> Round | None:
    """Reminders are for the current round only: once a new round opens, the old one stops."""
    rnd = Round.objects.filter(opens_on__lte=today, standard_set__audit=Audit.SECTION_11).order_by("-opens_on").first()
    return rnd


def agencies_to_remind(*, rnd: Round, today: dt.date) -> list[int]:
    """Agencies that must return (or have started as invited) and have not submitted, if today is a reminder day."""
    if scoring.reminder_due(today=today, deadline=rnd.deadline) is None:
        return []
    started = dict(Return.objects.filter(round=rnd).values_list("agency_id", "status"))
    ids = []
    for agency_id, required in Participation.objects.filter(round=rnd).values_list("agency_id", "required"):
        status = started.get(agency_id)
        if status is None and required or status in OUTSTANDING:
            ids.append(agency_id)
    return sorted(ids)


def _label(kind: str) -> str:
    if kind == "digest":
        return "Progress digest"
    return "Return overdue" if kind == "overdue" else f"Return due in {kind} days"


def _record(*, rnd: Round, recipient, kind: str, today: dt.date) -> bool:
    """Log this reminder; False when this person already had it today."""
    return bool(log_once(recipient=recipient, items=[rnd], step=kind, on_date=today, label=_label(kind)))


def _send(*, to: list[str], subject: str, template: str, context: dict) -> None:
    context = {**context, "base_url": getattr(settings, "PORTAL_BASE_URL", "").rstrip("/")}
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"section11/email/{template}.txt", context), to=to
    )
    message.attach_alternative(render_to_string(f"section11/email/{template}.html", context), "text/html")
    message.send()


@transaction.atomic
def agency_reminder_send(*, round_id: int, agency_id: int, today: dt.date) -> int:
    """E-mail the agency's leads and contributors; returns how many were sent (0 on a rerun)."""
    rnd = Round.objects.filter(pk=round_id).first()
    agency = Agency.objects.filter(pk=agency_id).first()
    kind = scoring.reminder_due(today=today, deadline=rnd.deadline) if rnd else None
    if rnd is None or agency is None or kind is None:
        return 0
    submission = Return.objects.filter(round=rnd, agency=agency).first()
    if submission is not None and submission.status not in OUTSTANDING:
        return 0
    people = (
        User.objects.filter(agency=agency, is_active=True, role_assignments__role__in=[AGENCY_LEAD, AGENCY_CONTRIBUTOR])
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    sent = 0
    days_left = scoring.days_to_deadline(today=today, deadline=rnd.deadline)
    for person in people:
        if not _record(rnd=rnd, recipient=person, kind=kind, today=today):
            continue
        subject = (
            f"Section 11 return overdue: {agency}"
            if kind == "overdue"
            else f"Section 11 return due in {days_left} days: {agency}"
        )
        _send(
            to=[person.email],
            subject=subject,
            template="agency_reminder",
            context={
                "person": person,
                "agency": agency,
                "round": rnd,
                "submission": submission,
                "days_left": days_left,
                "overdue": kind == "overdue",
            },
        )
        sent += 1
    return sent


def digest_due(*, rnd: Round, today: dt.date) -> bool:
    """Weekly on Mondays from the opening date until every return is in (or 8 weeks past the deadline)."""
    return today.weekday() == DIGEST_WEEKDAY and rnd.opens_on <= today <= rnd.deadline + dt.timedelta(weeks=8)


@transaction.atomic
def digest_send(*, round_id: int, today: dt.date) -> int:
    """The business unit's digest of where every agency has got to."""
    rnd = Round.objects.filter(pk=round_id).first()
    if rnd is None or not digest_due(rnd=rnd, today=today):
        return 0
    people = User.objects.filter(is_active=True, role_assignments__role=BUSINESS_UNIT).exclude(email="").distinct()
    sent = 0
    for person in people:
        if not _record(rnd=rnd, recipient=person, kind="digest", today=today):
            continue
        rows = selectors.round_progress(user=person, round=rnd)
        _send(
            to=[person.email],
            subject=f"Section 11 progress digest: {rnd}",
            template="bu_digest",
            context={
                "person": person,
                "round": rnd,
                "counts": selectors.progress_counts(rows),
                "outstanding": [r for r in rows if r.status in ("not_started", *OUTSTANDING) and r.required],
                "days_left": scoring.days_to_deadline(today=today, deadline=rnd.deadline),
            },
        )
        sent += 1
    return sent
