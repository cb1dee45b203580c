"""A strand's yearly report to PAQA (partnership.registry): the financial year so far, then the last."""

import datetime as dt
from collections.abc import Callable
from functools import partial

from bscp_portal.lib import periods
from partnership.registry import ReportCandidate


def yearly_candidates(
    *, kind: str, title: str, source_label: str, url: str, headline: Callable, today: dt.date
) -> list[ReportCandidate]:
    """This financial year's report (up to `today`), then last year's. `title` and `source_label`
    hold "{year}" where the year's label ("2025-26") goes; `headline(start, end)` writes the summary."""
    this_year = periods.financial_year(today)
    return [
        ReportCandidate(
            kind=kind,
            ref=year.label,
            title=title.format(year=year.label),
            source_label=source_label.format(year=year.label),
            url=url,
            summary_fn=partial(headline, year.start, min(year.end, today)),
        )
        for year in (this_year, this_year.previous())
    ]
