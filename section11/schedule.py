"""Beat entries for Section 11 (merged into the one static schedule in bscp_portal.schedule)."""

from bscp_portal.lib.beat import beat

BEAT = {
    "section11-daily-reminders": beat("section11.tasks.daily_reminders", hour=7, minute=15),
    "section11-late-escalations": beat("section11.tasks.open_late_escalations", hour=7, minute=30),
}
