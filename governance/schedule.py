"""Periodic partnership-performance jobs, merged into the one static beat schedule (no Django imports here)."""

from bscp_portal.lib.beat import beat

BEAT = {
    "governance-training-follow-up-reminders": beat("governance.tasks.daily_follow_up_reminders", hour=7, minute=25),
}
