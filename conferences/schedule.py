"""Nightly recomputation of the conference indicators (merged into the one beat schedule)."""

from bscp_portal.lib.beat import beat

BEAT = {
    "conferences-recompute-indicators": beat("conferences.tasks.recompute_indicators", hour=2, minute=30),
    "conferences-recompute-closed-month": beat(
        "conferences.tasks.recompute_closed_month", day_of_month=1, hour=0, minute=20
    ),
}
