"""Periodic jobs for the CDOP (merged into the one beat schedule)."""

from bscp_portal.lib.beat import beat

BEAT = {
    # Monday morning, once a week; the reminder log (person, case, step, day) stops a rerun.
    "cdop-weekly-waiting-reminder": beat("cdop.tasks.send_waiting_reminders", hour=7, minute=40, day_of_week="mon"),
}
