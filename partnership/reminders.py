"""Reminder e-mails: one log for every strand, and one rule that stops a second send.

The idempotency key is (person, item, step, day): a person is reminded about one record
(an action, a Section 11 round, a data return...) at one step ("due_soon", "overdue", "28"
days before a deadline, "digest"...) at most once a day, however many times the beat runs.

Every strand that reminds people uses it: actions, Section 11, the audits
follow-ups, the CDOP waiting cases and the data calendar. A step that sends nothing but must
happen once (the data calendar recording a figure as missing) is logged with recipient=None.
A strand writes, for each person, one function that runs in one transaction:

    from partnership.reminders import log_once

    @transaction.atomic
    def thing_reminder_send(*, user_id: int, today: dt.date) -> bool:
        person = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
        things = [...]                                   # what the e-mail would be about
        fresh = log_once(recipient=person, items=things, step="overdue", on_date=today, label="Overdue")
        if not fresh:
            return False                                 # already reminded about all of them today
        send_the_email(person, fresh)                    # a failure rolls the log back: the retry sends
        return True

and queues it from a beat task on `bscp_portal.lib.tasks.RetryingTask` (retries, queue rule,
the day as an ISO date). `reminders_about(record)` lists what was sent about a record, newest
first, for its page; the business unit sees every row in the admin.
"""

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet

from partnership.models import ReminderLog


def log_once(
    *, recipient, items: Iterable[models.Model], step: str, on_date: dt.date, label: str = ""
) -> list[models.Model]:
    """Log a reminder to `recipient` (None: a step for nobody) about each item not yet logged for
    this step and day; returns the items newly logged (what to send about), in the order given."""
    items = list(items)
    if not items:
        return []
    item_type = ContentType.objects.get_for_model(items[0])
    key = {"recipient": recipient, "item_type": item_type, "step": step, "on_date": on_date}
    done = set(ReminderLog.objects.filter(**key, item_id__in=[i.pk for i in items]).values_list("item_id", flat=True))
    fresh = []
    for item in items:
        if item.pk in done:
            continue
        try:
            with transaction.atomic():
                ReminderLog.objects.create(**key, item_id=item.pk, label=label)
        except IntegrityError:  # another worker logged it first
            continue
        fresh.append(item)
    return fresh


def reminders_about(item: models.Model) -> QuerySet[ReminderLog]:
    """Reminders sent about one record, newest first."""
    return (
        ReminderLog.objects.filter(item_type=ContentType.objects.get_for_model(item), item_id=item.pk)
        .select_related("recipient")
        .order_by("-on_date", "-sent_at")
    )
