"""CSV and XLSX exports: aggregate statistics (suppressed unless the user is a panel member)
and, for the panel chair only, case-level data. Views log every export."""

from bscp_portal.lib.exports import Column, positional, respond
from cdop.models import Death, PanelReview
from cdop.statistics import StatTable

STATISTIC_COLUMNS = positional(["Table", "Row", "Year", "Count", "Percent"])


def statistic_rows(tables: list[StatTable]) -> list[list]:
    """One row per published figure: table, row, year, count, percentage ("c" where suppressed)."""
    rows = []
    for table in tables:
        for row in table.rows:
            for year, cell, pct in zip(table.years, row.cells, row.percents, strict=True):
                rows.append([table.title, row.label, year, cell, pct])
            if row.total is not None:
                rows.append([table.title, row.label, "all years shown", row.total, ""])
        if table.col_totals is not None:
            for year, cell in zip(table.years, table.col_totals, strict=True):
                rows.append([table.title, "Total", year, cell, ""])
            if not table.pooled:
                rows.append([table.title, "Total", "all years shown", table.total, ""])
    return rows


def statistics_response(tables: list[StatTable], *, fmt: str):
    return respond(
        fmt=fmt,
        filename="child-death-statistics",
        columns=STATISTIC_COLUMNS,
        rows=statistic_rows(tables),
        sheet="data",
    )


def _review(get):
    """A column getter reading the death's panel review; empty while there is none."""

    def read(death):
        review = getattr(death, "review", None)
        return get(review) if review else None

    return read


CASE_COLUMNS = [
    Column.field(Death, "case_number"),
    Column.field(Death, "date_of_death"),
    Column.field(Death, "date_notified"),
    Column.field(Death, "age_band", lambda d: d.age_band_label),
    Column.field(Death, "sex", lambda d: d.get_sex_display()),
    Column.field(Death, "ethnicity", lambda d: str(d.ethnicity) if d.ethnicity_id else ""),
    Column.field(Death, "area", lambda d: str(d.area)),
    Column.field(Death, "place_of_death", lambda d: d.get_place_of_death_display()),
    Column.field(Death, "expectation", lambda d: d.get_expectation_display()),
    Column.field(Death, "jar_held"),
    Column.field(Death, "jar_date"),
    Column.field(Death, "status", lambda d: d.get_status_display()),
    Column.field(PanelReview, "category", _review(lambda r: str(r.category))),
    Column.field(PanelReview, "reviewed_on", _review(lambda r: r.reviewed_on)),
    Column.field(PanelReview, "modifiable", _review(lambda r: r.get_modifiable_display())),
    Column.field(Death, "review_reference"),
]


def cases_response(deaths, *, fmt: str):
    """One row per death, in the order given."""
    return respond(fmt=fmt, filename="child-death-cases", columns=CASE_COLUMNS, rows=deaths, sheet="data")
