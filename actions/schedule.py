"""Beat entries for actions (merged into the one static schedule in bscp_portal.schedule)."""

from bscp_portal.lib.beat import beat

BEAT = {
    "actions-daily-owner-reminders": beat("actions.tasks.daily_owner_reminders", hour=7, minute=0),
    "actions-weekly-chair-digests": beat("actions.tasks.weekly_chair_digests", hour=7, minute=30, day_of_week="mon"),
}
