"""The weekly reminder to the panel chair about cases waiting longer than the local target."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cdop import selectors
from cdop.access import PANEL_CODE
from partnership.access import CDOP
from partnership.models import User
from partnership.reminders import log_once

STEP = "waiting"
LABEL = "Cases waiting over the target for panel review"


def panel_chairs():
    """Active panel members who chair the CDOP sub-committee."""
    return User.objects.filter(
        is_active=True,
        role_assignments__role=CDOP,
        memberships__subcommittee__code=PANEL_CODE,
        memberships__is_chair=True,
    ).distinct()


def send_waiting_reminders(*, today: dt.date | None = None) -> int:
    """E-mail each panel chair the cases over target that they have not been reminded of today
    (the one reminder log, written in the same transaction as the e-mail: a rerun on the same
    day sends nothing). Returns how many were sent."""
    today = today or timezone.localdate()
    deaths = list(selectors.waiting_over_target(today=today))
    if not deaths:
        return 0
    sent = 0
    url = getattr(settings, "PORTAL_BASE_URL", "").rstrip("/") + reverse("cdop:case_list") + "?over_target=true"
    for chair in panel_chairs():
        if not chair.email:
            continue
        with transaction.atomic():  # a failed send rolls the log back, so the retry sends it
            fresh = log_once(recipient=chair, items=deaths, step=STEP, on_date=today, label=LABEL)
            if not fresh:
                continue  # already reminded of every one of them today
            context = {
                "recipient": chair,
                "deaths": fresh,
                "target_days": selectors.target_days(),
                "url": url,
            }
            message = EmailMultiAlternatives(
                subject=f"CDOP: {len(fresh)} case(s) waiting over the target for panel review",
                body=render_to_string("cdop/email/waiting.txt", context),
                to=[chair.email],
            )
            message.attach_alternative(render_to_string("cdop/email/waiting.html", context), "text/html")
            message.send()
        sent += 1
    return sent
