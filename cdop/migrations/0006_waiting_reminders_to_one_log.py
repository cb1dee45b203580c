"""Move the CDOP waiting-cases reminder log onto the one reminder log (partnership.ReminderLog):
one row per chair, case and day, keeping when each was sent."""

from django.db import migrations

STEP = "waiting"
LABEL = "Cases waiting over the target for panel review"


def forward(apps, schema_editor):
    WaitingReminder = apps.get_model("cdop", "WaitingReminder")
    ReminderLog = apps.get_model("partnership", "ReminderLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    death_type, _ = ContentType.objects.get_or_create(app_label="cdop", model="death")
    rows = [
        ReminderLog(
            recipient_id=reminder.recipient_id,
            item_type=death_type,
            item_id=death_id,
            step=STEP,
            label=LABEL,
            on_date=reminder.on_date,
            sent_at=reminder.sent_at,
        )
        for reminder in WaitingReminder.objects.prefetch_related("deaths")
        for death_id in sorted(d.pk for d in reminder.deaths.all())
    ]
    ReminderLog.objects.bulk_create(rows, ignore_conflicts=True)


def backward(apps, schema_editor):
    WaitingReminder = apps.get_model("cdop", "WaitingReminder")
    ReminderLog = apps.get_model("partnership", "ReminderLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    death_type = ContentType.objects.filter(app_label="cdop", model="death").first()
    if death_type is None:
        return
    logs = ReminderLog.objects.filter(item_type=death_type, step=STEP)
    for log in logs.order_by("sent_at"):
        reminder, created = WaitingReminder.objects.get_or_create(recipient_id=log.recipient_id, on_date=log.on_date)
        if created:  # sent_at is set when the row is written: put the logged time back
            WaitingReminder.objects.filter(pk=reminder.pk).update(sent_at=log.sent_at)
        reminder.deaths.add(log.item_id)
    logs.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cdop", "0005_lookup_base"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partnership", "0005_reminder_log"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
