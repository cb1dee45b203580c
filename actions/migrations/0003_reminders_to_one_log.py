"""Move the actions reminder log onto the one reminder log (partnership.ReminderLog): one row
per person, action, kind and day, keeping when each was sent."""

from django.db import migrations

LABELS = {
    "due_soon": "Due within 14 days",
    "overdue": "Overdue",
    "chair_digest": "Weekly digest of overdue actions",
}


def forward(apps, schema_editor):
    Reminder = apps.get_model("actions", "Reminder")
    ReminderLog = apps.get_model("partnership", "ReminderLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    action_type, _ = ContentType.objects.get_or_create(app_label="actions", model="action")
    rows = [
        ReminderLog(
            recipient_id=reminder.recipient_id,
            item_type=action_type,
            item_id=action_id,
            step=reminder.kind,
            label=LABELS.get(reminder.kind, reminder.kind),
            on_date=reminder.on_date,
            sent_at=reminder.sent_at,
        )
        for reminder in Reminder.objects.prefetch_related("actions")
        for action_id in sorted(a.pk for a in reminder.actions.all())
    ]
    ReminderLog.objects.bulk_create(rows, ignore_conflicts=True)


def backward(apps, schema_editor):
    Reminder = apps.get_model("actions", "Reminder")
    ReminderLog = apps.get_model("partnership", "ReminderLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    action_type = ContentType.objects.filter(app_label="actions", model="action").first()
    if action_type is None:
        return
    for log in ReminderLog.objects.filter(item_type=action_type).order_by("sent_at"):
        reminder, _ = Reminder.objects.get_or_create(
            recipient_id=log.recipient_id, kind=log.step, on_date=log.on_date, defaults={"sent_at": log.sent_at}
        )
        reminder.actions.add(log.item_id)
    ReminderLog.objects.filter(item_type=action_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0002_action_due_order_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partnership", "0005_reminder_log"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
