"""The old ReminderSent table, now that its rows live in partnership.ReminderLog."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("section11", "0002_reminders_to_one_log")]

    operations = [migrations.DeleteModel(name="ReminderSent")]
