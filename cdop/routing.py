"""The CDOP annual summary, sent to PAQA by the panel chair (partnership.registry).

Only the suppressed version ever leaves the panel: the summary is computed as for a reader who
is not a panel member, so small numbers show as "c" whoever sends it."""

from functools import partial

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from bscp_portal.lib import periods
from cdop.access import is_panel_chair
from cdop.summary import annual_summary
from partnership.access import is_cdop_member
from partnership.registry import ReportCandidate


def _shown(value) -> str:
    return "none" if value is None else str(value)


def _headline(start, end) -> str:
    s = annual_summary(start=start, end=end, user=AnonymousUser())
    return (
        f"Deaths notified: {_shown(s['deaths_notified'])}; reviews completed: "
        f"{_shown(s['reviews_completed'])}; cases waiting at the end of the period: "
        f"{_shown(s['waiting_at_end'])}. Counts of 1 to 5 are shown as c."
    )


def candidates(user) -> list[ReportCandidate]:
    if not is_cdop_member(user) or not is_panel_chair(user):
        return []
    today = timezone.localdate()
    this_year = periods.financial_year(today)
    found = []
    for year in (this_year, this_year.previous()):
        label, start, end = year.label, year.start, min(year.end, today)
        found.append(
            ReportCandidate(
                kind="cdop",
                ref=label,
                title=f"CDOP annual summary {label} (small numbers suppressed)",
                source_label=f"Child Death Overview Panel {label}",
                url=reverse("cdop:index"),
                summary_fn=partial(_headline, start, end),
            )
        )
    return found
