"""The CDOP annual summary, sent to PAQA by the panel chair (partnership.registry).

Only the suppressed version ever leaves the panel: the summary is computed as for a reader who
is not a panel member, so small numbers show as "c" whoever sends it."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from cdop.access import is_panel_chair
from cdop.summary import annual_summary
from partnership.access import is_cdop_member
from partnership.registry import ReportCandidate
from partnership.report_years import yearly_candidates


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
    return yearly_candidates(
        kind="cdop",
        title="CDOP annual summary {year} (small numbers suppressed)",
        source_label="Child Death Overview Panel {year}",
        url=reverse("cdop:index"),
        headline=_headline,
        today=timezone.localdate(),
    )
