"""Data calendar reminders: a week before a figure is due, on the due day, a chase 5 working
days after (to the responsible person and their agency's leads); 10 working days after, the
figure counts as missing (recorded; the scorecard shows ":" when no agency has sent it).

Every step is recorded as a ReturnReminder whose unique idempotency key is (step, indicator,
agency, period, person), written in the same transaction as the e-mail: two beats on one day
send one e-mail. The log and `_send_once` are self-contained so they can move to a shared
reminder mechanism in bscp_portal/lib without changing the rules here.
"""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from partnership.access import AGENCY_LEAD
from partnership.models import User
from scorecard import calendar, services
from scorecard.models import AgencyReturn, ReturnReminder, Submitter

#: How many past periods each beat looks at: enough to reach the missing step for a due date
#: up to about two months after the period ends.
LOOKBACK = {calendar.MONTHLY: 4, calendar.QUARTERLY: 2, calendar.ANNUAL: 1}

SUBJECTS = {
    calendar.WEEK_BEFORE: "Due in a week",
    calendar.DUE_DAY: "Due today",
    calendar.CHASE: "Overdue",
}


def _key(step: str, submitter: Submitter, period_start: dt.date, recipient_id: int | None) -> str:
    return f"{step}:{submitter.indicator_id}:{submitter.agency_id}:{period_start:%Y-%m-%d}:{recipient_id or '-'}"


def _send_once(*, key: str, step: str, submitter: Submitter, period_start: dt.date, recipient, today, mail) -> bool:
    """Record the step for this person; send only when the record is new (False if it existed)."""
    try:
        with transaction.atomic():
            ReturnReminder.objects.create(
                key=key,
                step=step,
                indicator_id=submitter.indicator_id,
                agency_id=submitter.agency_id,
                period_start=period_start,
                recipient=recipient,
                sent_on=today,
            )
            if mail is not None:
                mail.send()
    except IntegrityError:
        return False
    return True


def _mail(*, step: str, to: User, submitter: Submitter, period: tuple[dt.date, dt.date], due_on: dt.date):
    base = getattr(settings, "PORTAL_BASE_URL", "").rstrip("/")
    context = {
        "step": step,
        "person": to,
        "indicator": submitter.indicator,
        "agency": submitter.agency,
        "period_start": period[0],
        "period_end": period[1],
        "due_on": due_on,
        "link": f"{base}{reverse('scorecard:returns_due')}",
    }
    message = EmailMultiAlternatives(
        subject=f"{SUBJECTS[step]}: {submitter.indicator.name} for {period[0]:%B %Y} ({submitter.agency})",
        body=render_to_string("scorecard/email/return_reminder.txt", context),
        to=[to.email],
    )
    return message


def send_due(*, today: dt.date) -> dict[str, int]:
    """Every reminder step that falls today, once each; returns counts by step."""
    submitters = list(
        Submitter.objects.filter(active=True, indicator__active=True).select_related(
            "indicator", "agency", "responsible"
        )
    )
    # Which (submitter, period) pairs have a step today: pure date arithmetic, no queries.
    todo = []
    for s in submitters:
        for period in calendar.previous_periods(s.indicator.frequency, today, LOOKBACK[s.indicator.frequency]):
            if s.expected_from and period[0] < s.expected_from:
                continue
            due_on = calendar.due_date(period[1], s.indicator.due_days)
            step = calendar.step_on(due_on, today)
            if step:
                todo.append((s, period, due_on, step))
    counts: dict[str, int] = defaultdict(int)
    if not todo:
        return counts
    received = set(
        AgencyReturn.objects.filter(
            indicator_id__in={s.indicator_id for s, *_ in todo}, period_start__in={p[0] for _, p, *_ in todo}
        ).values_list("indicator_id", "agency_id", "period_start")
    )
    leads = defaultdict(list)
    for lead in User.objects.filter(
        is_active=True, role_assignments__role=AGENCY_LEAD, agency_id__in={s.agency_id for s, *_ in todo}
    ).exclude(email=""):
        leads[lead.agency_id].append(lead)
    for s, period, due_on, step in todo:
        if (s.indicator_id, s.agency_id, period[0]) in received:
            continue
        if step == calendar.MISSING:
            if _send_once(
                key=_key(step, s, period[0], None), step=step, submitter=s, period_start=period[0], recipient=None,
                today=today, mail=None,
            ):  # fmt: skip
                counts[step] += 1
                if not any(key[0] == s.indicator_id and key[2] == period[0] for key in received):
                    services.figure_mark_missing(indicator=s.indicator, period_start=period[0], period_end=period[1])
            continue
        people = [s.responsible] if s.responsible and s.responsible.is_active and s.responsible.email else []
        if step == calendar.CHASE or not people:
            people += [p for p in leads[s.agency_id] if p not in people]
        for person in people:
            mail = _mail(step=step, to=person, submitter=s, period=period, due_on=due_on)
            if _send_once(
                key=_key(step, s, period[0], person.pk), step=step, submitter=s, period_start=period[0],
                recipient=person, today=today, mail=mail,
            ):  # fmt: skip
                counts[step] += 1
    return counts
