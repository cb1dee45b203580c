"""The scorecard read by the annual report and the cross-strand dashboard."""

from collections import Counter
from datetime import date

from django.urls import reverse

from scorecard.rag import Rag


def tile_counts(rows) -> dict:
    """RAG counts and what changed since the last period, from scorecard rows.

    Keys: counts {GREEN, AMBER, RED, NOT_RATED}, total, changed (indicators whose rating differs
    from their previous period), special (indicators whose latest point shows special cause).
    """
    tally = Counter(r.status.rag.value for r in rows)
    return {
        "counts": {r.value: tally.get(r.value, 0) for r in Rag},
        "total": len(rows),
        "changed": [
            {
                "code": r.indicator.code,
                "name": r.indicator.name,
                "from": r.status.previous.rag.value,
                "to": r.status.rag.value,
            }
            for r in rows
            if r.status.rag_changed
        ],
        "special": [
            {"code": r.indicator.code, "name": r.indicator.name, "variation": r.status.spc.variation.label}
            for r in rows
            if r.status.special_cause
        ],
    }


def annual_summary(*, start: date, end: date, user) -> dict:
    """The scorecard at the end of a reporting year, for the annual report.

    Keys:
    - period: {"start", "end"};
    - indicators: number of active indicators the user may see;
    - rated: number with a local figure in the year (None when no indicator has one);
    - rag_counts: {GREEN, AMBER, RED, NOT_RATED} over indicators with a figure in the year
      (None when none has);
    - improving / worsening: codes whose latest figure in the year moved that way against the
      same period a year before (empty lists when none);
    - special_causes: [{code, name, variation}] at the year end;
    - rows: [{code, name, category, value, symbol, target, rag, england, stat_neighbours,
      period_start, period_end}] for indicators with a figure in the year; values are strings as
      published ("" when missing, with the DfE symbol in `symbol`).
    """
    from scorecard.selectors import indicator_list, scorecard_rows
    from scorecard.tables import as_text

    rows = [
        r
        for r in scorecard_rows(indicators=indicator_list(user=user), as_of=end)
        if r.status.latest is not None and r.status.latest.point.period_end >= start
    ]
    total = indicator_list(user=user).count()
    if not rows:
        return {
            "period": {"start": start, "end": end},
            "indicators": total,
            "rated": None,
            "rag_counts": None,
            "improving": [],
            "worsening": [],
            "special_causes": [],
            "rows": [],
        }
    tiles = tile_counts(rows)
    return {
        "period": {"start": start, "end": end},
        "indicators": total,
        "rated": len(rows),
        "rag_counts": tiles["counts"],
        "improving": [r.indicator.code for r in rows if r.status.last_year.value == "improving"],
        "worsening": [r.indicator.code for r in rows if r.status.last_year.value == "worsening"],
        "special_causes": tiles["special"],
        "rows": [
            {
                "code": r.indicator.code,
                "name": r.indicator.name,
                "category": r.indicator.get_category_display(),
                "value": as_text(r.status.latest.point.value),
                "symbol": r.status.latest.point.symbol,
                "target": as_text(r.status.latest.target),
                "rag": r.status.rag.value,
                "england": as_text(r.comparators["england"].value) if "england" in r.comparators else "",
                "stat_neighbours": as_text(r.comparators["stat_neighbours"].value)
                if "stat_neighbours" in r.comparators
                else "",
                "period_start": r.status.latest.point.period_start,
                "period_end": r.status.latest.point.period_end,
            }
            for r in rows
        ],
    }


def dashboard_tile(*, user) -> dict:
    """Headline figures for the cross-strand dashboard: RAG counts now and what changed.

    Keys: title, url, counts {GREEN, AMBER, RED, NOT_RATED}, changed (number of indicators whose
    rating changed since their previous period), special (number showing special cause).
    """
    from scorecard.selectors import indicator_list, scorecard_rows

    tiles = tile_counts(scorecard_rows(indicators=indicator_list(user=user)))
    counts = tiles["counts"]
    return {
        "title": "Scorecard",
        "url": reverse("scorecard:index"),
        "counts": counts,
        "changed": len(tiles["changed"]),
        "special": len(tiles["special"]),
        "figures": [
            ("Green", counts.get("GREEN", 0)),
            ("Amber", counts.get("AMBER", 0)),
            ("Red", counts.get("RED", 0)),
            ("Not rated", counts.get("NOT_RATED", 0)),
            ("Rating changed since the previous period", len(tiles["changed"])),
            ("Showing special cause variation", len(tiles["special"])),
        ],
    }
