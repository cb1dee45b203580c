"""The old waiting-cases reminder table, now that its rows live in partnership.ReminderLog."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cdop", "0006_waiting_reminders_to_one_log")]

    operations = [migrations.DeleteModel(name="WaitingReminder")]
