"""The old follow-up reminder table, now that its rows live in partnership.ReminderLog."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("audits", "0004_follow_up_reminders_to_one_log")]

    operations = [migrations.DeleteModel(name="FollowUpReminder")]
