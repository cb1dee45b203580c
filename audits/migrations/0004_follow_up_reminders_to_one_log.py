"""Move the audits follow-up reminder log onto the one reminder log (partnership.ReminderLog):
one row per person, follow-up, kind and day, keeping when each was sent."""

from django.db import migrations

LABELS = {"due_soon": "Follow-up report due within 14 days", "overdue": "Follow-up report overdue"}


def forward(apps, schema_editor):
    FollowUpReminder = apps.get_model("audits", "FollowUpReminder")
    ReminderLog = apps.get_model("partnership", "ReminderLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    follow_up_type, _ = ContentType.objects.get_or_create(app_label="audits", model="followup")
    rows = [
        ReminderLog(
            recipient_id=reminder.recipient_id,
            item_type=follow_up_type,
            item_id=follow_up_id,
            step=reminder.kind,
            label=LABELS.get(reminder.kind, reminder.kind),
            on_date=reminder.on_date,
            sent_at=reminder.sent_at,
        )
        for reminder in FollowUpReminder.objects.prefetch_related("follow_ups")
        for follow_up_id in sorted(f.pk for f in reminder.follow_ups.all())
    ]
    ReminderLog.objects.bulk_create(rows, ignore_conflicts=True)


def backward(apps, schema_editor):
    FollowUpReminder = apps.get_model("audits", "FollowUpReminder")
    ReminderLog = apps.get_model("partnership", "ReminderLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    follow_up_type = ContentType.objects.filter(app_label="audits", model="followup").first()
    if follow_up_type is None:
        return
    for log in ReminderLog.objects.filter(item_type=follow_up_type).order_by("sent_at"):
        reminder, _ = FollowUpReminder.objects.get_or_create(
            recipient_id=log.recipient_id, kind=log.step, on_date=log.on_date, defaults={"sent_at": log.sent_at}
        )
        reminder.follow_ups.add(log.item_id)
    ReminderLog.objects.filter(item_type=follow_up_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0003_disagreements"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partnership", "0005_reminder_log"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
