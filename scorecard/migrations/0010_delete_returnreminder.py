"""The old data calendar reminder table, now that its rows live in partnership.ReminderLog."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("scorecard", "0009_return_reminders_to_one_log")]

    operations = [migrations.DeleteModel(name="ReturnReminder")]
