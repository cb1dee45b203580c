"""Move the Section 11 reminder log onto the one reminder log (partnership.ReminderLog): one
row per person, round, kind and day, keeping when each was sent."""

from django.db import migrations


def _label(kind: str) -> str:
    if kind == "digest":
        return "Progress digest"
    if kind == "overdue":
        return "Return overdue"
    return f"Return due in {kind} days"


def forward(apps, schema_editor):
    ReminderSent = apps.get_model("section11", "ReminderSent")
    ReminderLog = apps.get_model("partnership", "ReminderLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    round_type, _ = ContentType.objects.get_or_create(app_label="section11", model="round")
    ReminderLog.objects.bulk_create(
        [
            ReminderLog(
                recipient_id=sent.recipient_id,
                item_type=round_type,
                item_id=sent.round_id,
                step=sent.kind,
                label=_label(sent.kind),
                on_date=sent.on_date,
                sent_at=sent.sent_at,
            )
            for sent in ReminderSent.objects.all()
        ],
        ignore_conflicts=True,
    )


def backward(apps, schema_editor):
    ReminderSent = apps.get_model("section11", "ReminderSent")
    ReminderLog = apps.get_model("partnership", "ReminderLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    User = apps.get_model("partnership", "User")
    round_type = ContentType.objects.filter(app_label="section11", model="round").first()
    if round_type is None:
        return
    logs = ReminderLog.objects.filter(item_type=round_type)
    agency_of = dict(User.objects.filter(pk__in=logs.values("recipient_id")).values_list("pk", "agency_id"))
    for log in logs:
        ReminderSent.objects.get_or_create(
            round_id=log.item_id,
            recipient_id=log.recipient_id,
            kind=log.step,
            on_date=log.on_date,
            defaults={"agency_id": None if log.step == "digest" else agency_of.get(log.recipient_id)},
        )
    logs.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("partnership", "0005_reminder_log"),
        ("section11", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
