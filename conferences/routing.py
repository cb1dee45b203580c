"""The conference standards report, sent to PAQA by the safeguarding services manager
(partnership.registry): one per financial year, the current one and the last."""

import datetime as dt
from functools import partial

from django.urls import reverse
from django.utils import timezone

from conferences.indicators import financial_year_of
from conferences.models import may_enter
from conferences.summary import annual_summary
from partnership.registry import ReportCandidate


def _pct(value) -> str:
    return "not available" if value is None else f"{value}%"


def _headline(start: dt.date, end: dt.date, user) -> str:
    s = annual_summary(start=start, end=end, user=user)
    return (
        f"{s['conferences']} conferences held; initial conferences within 15 working days: "
        f"{_pct(s['icpc_15wd_pct'])}; reviews in timescale: {_pct(s['reviews_in_time_pct'])}; "
        f"agency reports on time: {_pct(s['reports_on_time_pct'])}."
    )


def candidates(user) -> list[ReportCandidate]:
    if not may_enter(user):
        return []
    today = timezone.localdate()
    found = []
    for day in (today, financial_year_of(today)[0] - dt.timedelta(days=1)):
        start, end = financial_year_of(day)
        label = f"{start.year}-{str(start.year + 1)[-2:]}"
        found.append(
            ReportCandidate(
                kind="conferences",
                ref=label,
                title=f"Conference standards report {label}",
                source_label=f"Child protection conferences {label}",
                url=reverse("conferences:dashboard"),
                summary_fn=partial(_headline, start, min(end, today), user),
            )
        )
    return found
