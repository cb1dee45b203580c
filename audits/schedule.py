"""Periodic audit jobs, merged into the one static beat schedule (no Django imports here)."""

from bscp_portal.lib.beat import beat

BEAT = {
    "audits-follow-up-reminders": beat("audits.tasks.send_follow_up_reminders", hour=7, minute=15),
}
