"""Retention: each strand's personal data is deleted or anonymised once older than its setting.

The rules live with their strands (registered through `partnership.registry`); this runs them,
each in its own transaction, and writes one security-log row per strand that changed anything.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from partnership.registry import registry
from partnership.security import log_event


def cutoffs(today: dt.date) -> dict[str, dt.date | None]:
    """The date before which each strand's records go; None where the strand keeps everything."""
    days = getattr(settings, "RETENTION_DAYS", {})
    return {
        rule.strand: (today - dt.timedelta(days=days[rule.strand]) if days.get(rule.strand) else None)
        for rule in registry.retention
    }


def apply_retention(*, today: dt.date | None = None, dry_run: bool = False) -> dict[str, int]:
    """Run every strand's rule; {strand: records deleted or anonymised}. A dry run changes nothing."""
    today = today or timezone.localdate()
    done: dict[str, int] = {}
    for rule in registry.retention:
        before = cutoffs(today)[rule.strand]
        if before is None:
            done[rule.strand] = 0
            continue
        with transaction.atomic():
            count = rule.apply(before=before)
            if dry_run:
                transaction.set_rollback(True)
            elif count:
                log_event(None, "retention", username="", detail=f"{rule.strand}: {count} {rule.what} before {before}")
        done[rule.strand] = count
    return done
