"""Beat entries for the scorecard (merged into the one static schedule in bscp_portal.schedule)."""

from bscp_portal.lib.beat import beat

BEAT = {
    "scorecard-daily-return-reminders": beat("scorecard.tasks.return_reminders", hour=7, minute=15),
}
