"""Move the data calendar's reminder log (ReturnReminder) onto the one reminder log
(partnership.ReminderLog): one row per person (none for "missing"), submitter, step and day,
keeping when each was sent and which period it was about (in the label)."""

from django.db import migrations

LABELS = {"week_before": "Due in a week", "due_day": "Due today", "chase": "Overdue", "missing": "Recorded as missing"}


def forward(apps, schema_editor):
    ReturnReminder = apps.get_model("scorecard", "ReturnReminder")
    Submitter = apps.get_model("scorecard", "Submitter")
    ReminderLog = apps.get_model("partnership", "ReminderLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    submitter_type, _ = ContentType.objects.get_or_create(app_label="scorecard", model="submitter")
    submitters = {(s.indicator_id, s.agency_id): s.pk for s in Submitter.objects.all()}
    rows = [
        ReminderLog(
            recipient_id=r.recipient_id,
            item_type=submitter_type,
            item_id=submitters[(r.indicator_id, r.agency_id)],
            step=r.step,
            label=f"{LABELS.get(r.step, r.step)}: {r.period_start:%B %Y}",
            on_date=r.sent_on,
            sent_at=r.sent_at,
        )
        for r in ReturnReminder.objects.order_by("pk")
        if (r.indicator_id, r.agency_id) in submitters  # a submitter since removed has nothing to remind
    ]
    ReminderLog.objects.bulk_create(rows, ignore_conflicts=True)


def backward(apps, schema_editor):
    import datetime as dt

    ReturnReminder = apps.get_model("scorecard", "ReturnReminder")
    Submitter = apps.get_model("scorecard", "Submitter")
    ReminderLog = apps.get_model("partnership", "ReminderLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    submitter_type = ContentType.objects.filter(app_label="scorecard", model="submitter").first()
    if submitter_type is None:
        return
    logs = ReminderLog.objects.filter(item_type=submitter_type)
    submitters = {s.pk: s for s in Submitter.objects.filter(pk__in=logs.values("item_id"))}
    for log in logs.order_by("sent_at"):
        s = submitters.get(log.item_id)
        month = log.label.rsplit(": ", 1)[-1]
        if s is None or not month:
            continue
        period_start = dt.datetime.strptime(month, "%B %Y").date()
        key = f"{log.step}:{s.indicator_id}:{s.agency_id}:{period_start:%Y-%m-%d}:{log.recipient_id or '-'}"
        reminder, created = ReturnReminder.objects.get_or_create(
            key=key,
            defaults={
                "step": log.step,
                "indicator_id": s.indicator_id,
                "agency_id": s.agency_id,
                "period_start": period_start,
                "recipient_id": log.recipient_id,
                "sent_on": log.on_date,
            },
        )
        if created:  # sent_at is set when the row is written: put the logged time back
            ReturnReminder.objects.filter(pk=reminder.pk).update(sent_at=log.sent_at)
    logs.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("scorecard", "0008_indicator_key"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partnership", "0009_reminder_log_steps_for_nobody"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
