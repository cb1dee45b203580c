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

from bscp_portal.lib.suppression import Cell
from cdop.statistics import TABLES as FIGURES
from cdop.statistics import StatTable, must_suppress, statistics, suppression_max


def invalidate() -> None:
    """Forget every cached figure (the one cache mechanism: now, and again at commit)."""
    FIGURES.invalidate()


def _parts(*, year: str, suppress: bool) -> tuple:
    return (year, "suppressed" if suppress else "exact", suppression_max())


def cache_key(*, year: str, suppress: bool) -> str:
    return FIGURES.key(*_parts(year=year, suppress=suppress))


def _year_total(table: StatTable, year: str) -> Cell | None:
    """The published total of `year`'s column; None when the year has no figures at all."""
    return table.col_totals[table.years.index(year)] if year in table.years else None


def year_totals(*, user, year: str) -> dict[str, Cell | None]:
    """{"deaths": deaths in the financial year `year` (by date of death), "reviews": panel
    reviews completed in it}: the column totals of the published tables as `user` sees them
    (a count, or "c" when suppressed), None when the year has none."""

    def count() -> dict[str, Cell | None]:
        tables = {t.key: t for t in statistics(user=user)}
        return {
            "deaths": _year_total(tables["expectation"], year),
            "reviews": _year_total(tables["category"], year),
        }

    return FIGURES.get_or_count(_parts(year=year, suppress=must_suppress(user)), count)
