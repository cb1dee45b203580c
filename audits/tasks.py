"""Background work for audits: tell an agency of a requested audit; remind it of follow-up reports."""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from audits import rules
from bscp_portal.lib.tasks import RetryingTask, task_day


def agency_contacts(agency_id: int):
    """The agency's active leads (contributors too when it has no lead) with an e-mail address."""
    from partnership.access import AGENCY_CONTRIBUTOR, AGENCY_LEAD
    from partnership.models import User

    people = User.objects.filter(agency_id=agency_id, is_active=True).exclude(email="")
    leads = list(people.filter(role_assignments__role=AGENCY_LEAD).distinct())
    return leads or list(people.filter(role_assignments__role=AGENCY_CONTRIBUTOR).distinct())


def _send(template: str, subject: str, to: list[str], context: dict) -> None:
    context = {**context, "base_url": getattr(settings, "PORTAL_BASE_URL", "")}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"audits/email/{template}.txt", context),
        to=to,
    )
    message.attach_alternative(render_to_string(f"audits/email/{template}.html", context), "text/html")
    message.send()


@shared_task(base=RetryingTask, bind=True)
def notify_audit_requested(self, audit_id: int) -> int:
    """E-mail the agency's leads that PAQA (or the Partnership) has asked for an audit; once only."""
    from audits.models import AgencyAudit

    with transaction.atomic():
        audit = AgencyAudit.objects.select_for_update().select_related("agency").filter(pk=audit_id).first()
        if audit is None or audit.notified_at is not None:
            return 0
        people = agency_contacts(audit.agency_id)
        if people:
            _send(
                "audit_requested",
                f"Audit requested: {audit.title}",
                [p.email for p in people],
                {"audit": audit},
            )
        audit.notified_at = timezone.now()
        audit.save(update_fields=["notified_at"])
    return len(people)


#: What each step's reminder says, kept beside it in the reminder log.
FOLLOW_UP_LABELS = {"due_soon": "Follow-up report due within 14 days", "overdue": "Follow-up report overdue"}


@shared_task(base=RetryingTask, bind=True)
def send_follow_up_reminders(self, on_date: str | None = None) -> int:
    """Remind agencies of follow-up reports due within 14 days or overdue: one e-mail per person
    and kind, about the follow-ups not yet reminded of that day (the one reminder log), so that
    a rerun on the same day sends nothing."""
    from audits.models import FollowUp
    from partnership.reminders import log_once

    today = task_day(on_date)
    horizon = today + dt.timedelta(days=rules.DUE_SOON_DAYS)
    pending = FollowUp.objects.filter(submitted_on__isnull=True, due_date__lte=horizon).select_related(
        "audit", "audit__agency"
    )
    batches: dict[tuple[int, str], list] = {}
    people_of: dict[int, list] = {}
    for follow_up in pending:
        kind = rules.follow_up_reminder_kind(follow_up.due_date, False, today)
        if kind is None:
            continue
        agency_id = follow_up.audit.agency_id
        if agency_id not in people_of:
            people_of[agency_id] = agency_contacts(agency_id)
        for person in people_of[agency_id]:
            batches.setdefault((person.pk, kind), [person, []])[1].append(follow_up)
    sent = 0
    for (_, kind), (person, follow_ups) in batches.items():
        with transaction.atomic():  # a failed send rolls the log back, so the retry sends it
            fresh = log_once(recipient=person, items=follow_ups, step=kind, on_date=today, label=FOLLOW_UP_LABELS[kind])
            if not fresh:
                continue  # already reminded of all of them today
            _send(
                "follow_up_reminder",
                "Audit follow-up reports overdue" if kind == "overdue" else "Audit follow-up reports due soon",
                [person.email],
                {"person": person, "follow_ups": fresh, "overdue": kind == "overdue", "today": today},
            )
        sent += 1
    return sent
