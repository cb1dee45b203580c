"""CSV and XLSX exports: aggregate statistics (suppressed unless the user is a panel member)
and, for the panel chair only, case-level data. Views log every export."""

from bscp_portal.lib.exports import Column, positional, respond
from cdop.models import Death, PanelReview
from cdop.statistics import StatTable

STATISTIC_COLUMNS = positional(["Table", "Row", "Year", "Count", "Percent"])
ANALYSIS_COLUMNS = positional(["Table", "Row", "Year", "Count", "Percent", "Rate per 100,000 children"])
NOTE_COLUMNS = positional(["Table", "Note"])


def statistic_rows(tables: list[StatTable], *, rates: bool = False) -> list[list]:
    """One row per published figure: table, row, year, count, percentage ("c" where suppressed)
    and, with `rates`, the rate per 100,000 children where the table gives one."""
    rows = []

    def add(line: list, rate_cell=""):
        rows.append([*line, rate_cell] if rates else line)

    for table in tables:
        for row in table.rows:
            row_rates = row.rates or [""] * len(table.years)
            for year, cell, pct, rate in zip(table.years, row.cells, row.percents, row_rates, strict=True):
                add([table.title, row.label, year, cell, pct], rate)
            if row.total is not None:
                add([table.title, row.label, "all years shown", row.total, ""])
        if table.col_totals is not None:
            total_rates = table.total_rates or [""] * len(table.years)
            for year, cell, rate in zip(table.years, table.col_totals, total_rates, strict=True):
                add([table.title, "Total", year, cell, ""], rate)
            if not table.pooled:
                add([table.title, "Total", "all years shown", table.total, ""])
    return rows


def statistics_response(tables: list[StatTable], *, fmt: str):
    return respond(
        fmt=fmt,
        filename="child-death-statistics",
        columns=STATISTIC_COLUMNS,
        rows=statistic_rows(tables),
        sheet="data",
    )


def analysis_response(tables: list[StatTable], *, fmt: str, published: bool):
    """The panel's analysis tables with rates; the workbook's second sheet gives each table's
    notes, the population estimates' source among them (a CSV has the figures only)."""
    notes = [[t.title, note] for t in tables for note in [*t.notes, *t.rate_notes]]
    return respond(
        fmt=fmt,
        filename="child-death-analysis-as-published" if published else "child-death-analysis",
        columns=ANALYSIS_COLUMNS,
        rows=statistic_rows(tables, rates=True),
        sheet="data",
        more_sheets=[("notes", NOTE_COLUMNS, notes)],
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
    Column.field(Death, "deprivation_quintile", lambda d: d.get_deprivation_quintile_display()),
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


def _score(domain_code: str):
    def read(death):
        review = getattr(death, "review", None)
        if review is None:
            return None
        return next((f.score for f in review.factors.all() if f.domain.code == domain_code), None)

    return read


def ncmd_columns(domains) -> list[Column]:
    """The fields the National Child Mortality Database collects that the panel records here,
    named as the national forms name them (docs/formats.md lists them)."""
    return [
        Column("Case number", lambda d: d.case_number),
        Column("Date of death", lambda d: d.date_of_death),
        Column("Date of notification", lambda d: d.date_notified),
        Column("Age at death (completed years)", lambda d: d.age_years),
        Column("Age at death (completed days, under one year)", lambda d: d.age_days),
        Column("Age band", lambda d: d.age_band_label),
        Column("Sex", lambda d: d.get_sex_display()),
        Column("Ethnicity", lambda d: str(d.ethnicity) if d.ethnicity_id else "Not recorded"),
        Column("Area of residence", lambda d: str(d.area)),
        Column("Place of death", lambda d: d.get_place_of_death_display()),
        Column("Expected or unexpected", lambda d: d.get_expectation_display()),
        Column("Joint agency response held", lambda d: d.jar_held),
        Column("Date of the joint agency response", lambda d: d.jar_date),
        Column("Joint agency response within 24 hours", lambda d: d.jar_on_time),
        Column("Joint agency response: why not held or not within 24 hours", lambda d: d.jar_reason),
        Column("Date of the panel review", _review(lambda r: r.reviewed_on)),
        Column("Days from death to panel review", _review(lambda r: (r.reviewed_on - r.death.date_of_death).days)),
        Column("Category of death (number)", _review(lambda r: r.category.number)),
        Column("Category of death", _review(lambda r: r.category.name)),
        *[Column(f"Factors score: {domain.name}", _score(domain.code)) for domain in domains],
        Column("Modifiable factors", _review(lambda r: r.get_modifiable_display())),
    ]


def ncmd_response(deaths, *, domains, fmt: str):
    """One row per death with the NCMD fields, in the order given."""
    return respond(fmt=fmt, filename="child-deaths-ncmd", columns=ncmd_columns(domains), rows=deaths, sheet="ncmd")
