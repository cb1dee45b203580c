"""Data calendar reminders: a week before a figure is due, on the due day, a chase 5 working
days after (to the responsible person and their agency's leads); 10 working days after, the
figure counts as missing (recorded; the scorecard shows ":" when no agency has sent it).

Every step is recorded in the one reminder log (partnership/reminders.py) about the agency's
submitter row (indicator and agency), with the person reminded (none for "missing") and the
day, in the same transaction as the e-mail: two beats on one day send one e-mail. Each step of
a period falls on one day, and the steps of one period span about 23 days, less than a month
between periods, so (person, submitter, step, day) names one period's step exactly.
"""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from partnership.access import AGENCY_LEAD
from partnership.models import User
from partnership.reminders import log_once
from scorecard import calendar, services
from scorecard.models import AgencyReturn, Submitter

#: How many past periods each beat looks at: enough to reach the missing step for a due date
#: up to about two months after the period ends.
LOOKBACK = {calendar.MONTHLY: 4, calendar.QUARTERLY: 2, calendar.ANNUAL: 1}

SUBJECTS = {
    calendar.WEEK_BEFORE: "Due in a week",
    calendar.DUE_DAY: "Due today",
    calendar.CHASE: "Overdue",
}
LABELS = {**SUBJECTS, calendar.MISSING: "Recorded as missing"}


def _label(step: str, period_start: dt.date) -> str:
    return f"{LABELS[step]}: {period_start:%B %Y}"


def _send_once(*, step: str, submitter: Submitter, period_start: dt.date, recipient, today, mail) -> bool:
    """Log the step for this person (or for nobody); send only when it is new (False if logged)."""
    with transaction.atomic():  # a failed send rolls the log back, so the retry sends it
        fresh = log_once(
            recipient=recipient, items=[submitter], step=step, on_date=today, label=_label(step, period_start)
        )
        if fresh and mail is not None:
            mail.send()
    return bool(fresh)


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
            if _send_once(step=step, submitter=s, period_start=period[0], recipient=None, today=today, mail=None):
                counts[step] += 1
                if not any(key[0] == s.indicator_id and key[2] == period[0] for key in received):
                    services.figure_mark_missing(indicator=s.indicator, period_start=period[0], period_end=period[1])
            continue
        people = [s.responsible] if s.responsible and s.responsible.is_active and s.responsible.email else []
        if step == calendar.CHASE or not people:
            people += [p for p in leads[s.agency_id] if p not in people]
        for person in people:
            mail = _mail(step=step, to=person, submitter=s, period=period, due_on=due_on)
            if _send_once(step=step, submitter=s, period_start=period[0], recipient=person, today=today, mail=mail):
                counts[step] += 1
    return counts
