"""The 3-month training follow-up reminder: when a course's follow-up on impact on practice falls
due, the business unit is e-mailed once to send the follow-up links (people who attend are
recorded by agency and role, never by name, so the links go out through the business unit).

Logged in the one reminder log (`partnership.reminders.log_once`) against the day the follow-up
fell due, so each session is reminded of once per person, however often the beat runs."""

import datetime as dt
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from governance import rules
from governance.standards_selectors import follow_ups_due
from partnership.access import BUSINESS_UNIT
from partnership.reminders import log_once

STEP = "follow_up_3_months"
LABEL = "3-month training follow-up due"


def people_to_remind() -> list[int]:
    """Active business unit members with an e-mail address."""
    from partnership.models import User

    return list(
        User.objects.filter(is_active=True, role_assignments__role=BUSINESS_UNIT)
        .exclude(email="")
        .values_list("pk", flat=True)
        .distinct()
    )


@transaction.atomic
def follow_up_reminder_send(*, user_id: int, today: dt.date) -> bool:
    """E-mail one business unit member about the follow-ups now due that they were not yet told of."""
    from partnership.models import User

    person = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if person is None:
        return False
    fresh = []
    sessions = sorted(follow_ups_due(today=today), key=lambda s: rules.follow_up_due(s.held_on))
    for due, group in groupby(sessions, key=lambda s: rules.follow_up_due(s.held_on)):
        fresh += log_once(recipient=person, items=list(group), step=STEP, on_date=due, label=LABEL)
    if not fresh:
        return False
    context = {
        "person": person,
        "sessions": [(s, rules.follow_up_due(s.held_on)) for s in fresh],
        "base_url": getattr(settings, "PORTAL_BASE_URL", ""),
    }
    message = EmailMultiAlternatives(
        subject="Training follow-ups due: send the 3-month links",
        body=render_to_string("governance/email/follow_up_due.txt", context),
        to=[person.email],
    )
    message.attach_alternative(render_to_string("governance/email/follow_up_due.html", context), "text/html")
    message.send()  # a failure rolls the log back, so the retry sends it
    return True
