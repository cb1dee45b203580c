"""The conference reports the safeguarding services manager sends to PAQA (partnership.registry):
the quarter's standards, chairs and late reasons (the quarter just closed and the one in
progress), and the standards report per financial year (the current one and the last)."""

import datetime as dt
from functools import partial

from django.urls import reverse
from django.utils import timezone

from bscp_portal.lib.rounding import percent
from conferences.models import may_enter
from conferences.monitoring import financial_quarter, quarter_label
from conferences.summary import annual_summary
from partnership.registry import ReportCandidate
from partnership.report_years import yearly_candidates


def _pct(value) -> str:
    return "not available" if value is None else f"{value}%"


def _headline(start: dt.date, end: dt.date, user) -> str:
    s = annual_summary(start=start, end=end, user=user)
    return (
        f"{s['conferences']} conferences held; initial conferences within 15 working days: "
        f"{_pct(s['icpc_15wd_pct'])}; reviews in timescale: {_pct(s['reviews_in_time_pct'])}; "
        f"agency reports on time: {_pct(s['reports_on_time_pct'])}."
    )


def _quarter_headline(start: dt.date, end: dt.date, user) -> str:
    from conferences.selectors import monitoring_report

    r = monitoring_report(user=user, start=start, end=end)
    met = sum(row.met for _, row in r["by_quarter"])
    counted = met + sum(row.not_met for _, row in r["by_quarter"])
    late = sum(row["count"] for row in r["late_reasons"])
    top = r["late_reasons"][0]["reason"].lower() if r["late_reasons"] else ""
    return (
        f"{r['conferences_with_standards']} conferences with standards recorded; standards met: "
        f"{_pct(percent(met, counted))} ({met} of {counted}); {len(r['chairs'])} chairs; "
        f"{late} conferences out of timescale" + (f", most often because {top}." if top else ".")
    )


def recent_quarters(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The quarter that has just closed, then the one in progress."""
    current = financial_quarter(today)
    return [financial_quarter(current[0] - dt.timedelta(days=1)), current]


def quarter_ref(start: dt.date) -> str:
    return f"quarter-{start:%Y-%m}"


def candidates(user) -> list[ReportCandidate]:
    """The financial years first (the dashboard offers the newest), then the quarters' reports."""
    if not may_enter(user):
        return []
    today = timezone.localdate()
    found = yearly_candidates(
        kind="conferences",
        title="Conference standards report {year}",
        source_label="Child protection conferences {year}",
        url=reverse("conferences:dashboard"),
        headline=partial(_headline, user=user),
        today=today,
    )
    for start, end in recent_quarters(today):
        label = quarter_label(start)
        query = f"?start={start:%Y-%m}&end={end:%Y-%m}"
        found.append(
            ReportCandidate(
                kind="conferences",
                ref=quarter_ref(start),
                title=f"Conference standards, chairs and late reasons {label}",
                source_label=f"Child protection conferences {label}",
                url=reverse("conferences:monitoring_report") + query,
                summary_fn=partial(_quarter_headline, start, min(end, today), user),
            )
        )
    return found
