"""A year's totals from the published CDOP tables, kept in the cache.

Building the published tables (`cdop.statistics.statistics`) means every year, every cut and
the checks behind the three-year tables: far too much to redo on every request for the two
cells the cross-strand dashboard shows (a year's deaths and panel reviews). Those two cells are
cached, one entry per financial year and per suppression (a panel member sees exact figures,
everyone else suppressed ones), and dropped whenever child death records change: every write in
`cdop.services` (bulk updates included) and the demo seeder call `invalidate()`.

The cells are read from the published tables themselves, never counted on their own, so the
dashboard still shows only what the statistics page shows.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

from bscp_portal.lib.suppression import Cell
from cdop.statistics import StatTable, must_suppress, statistics, suppression_max

GENERATION_KEY = "cdop:published:generation"
#: A backstop only: a change made outside the services is seen within the hour.
TIMEOUT_SECONDS = 60 * 60


def _generation() -> str:
    """The current generation of cached figures; a new one makes every older entry unreachable."""
    found = cache.get(GENERATION_KEY)
    if found is None:
        fresh = uuid.uuid4().hex
        cache.add(GENERATION_KEY, fresh, None)
        found = cache.get(GENERATION_KEY) or fresh
    return found


def invalidate() -> None:
    """Forget every cached figure: now (so the writing request reads its own change) and again
    when the transaction commits (so a figure computed meanwhile from the old rows is dropped)."""

    def drop() -> None:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)

    drop()
    transaction.on_commit(drop)


def cache_key(*, year: str, suppress: bool) -> str:
    shown = "suppressed" if suppress else "exact"
    return f"cdop:published:{_generation()}:{year}:{shown}:{suppression_max()}"


def _year_total(table: StatTable, year: str) -> Cell | None:
    """The published total of `year`'s column; None when the year has no figures at all."""
    return table.col_totals[table.years.index(year)] if year in table.years else None


def year_totals(*, user, year: str) -> dict[str, Cell | None]:
    """{"deaths": deaths in the financial year `year` (by date of death), "reviews": panel
    reviews completed in it}: the column totals of the published tables as `user` sees them
    (a count, or "c" when suppressed), None when the year has none."""
    key = cache_key(year=year, suppress=must_suppress(user))
    found = cache.get(key)
    if found is None:
        tables = {t.key: t for t in statistics(user=user)}
        found = {
            "deaths": _year_total(tables["expectation"], year),
            "reviews": _year_total(tables["category"], year),
        }
        cache.set(key, found, TIMEOUT_SECONDS)
    return found
