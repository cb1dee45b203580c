"""The old Reminder table, now that its rows live in partnership.ReminderLog."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("actions", "0003_reminders_to_one_log")]

    operations = [migrations.DeleteModel(name="Reminder")]
