"""Periodic jobs for the foundation (merged into the one beat schedule)."""

from bscp_portal.lib.beat import beat

BEAT = {
    "partnership-daily-retention": beat("partnership.tasks.apply_retention", hour=2, minute=30),
}
