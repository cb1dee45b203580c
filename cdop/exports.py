"""CSV and XLSX exports: aggregate statistics (suppressed unless the user is a panel member)
and, for the panel chair only, case-level data. Views log every export."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

from bscp_portal.lib.spreadsheet import safe_cell
from cdop.statistics import StatTable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CASE_COLUMNS = [
    "case_number",
    "date_of_death",
    "date_notified",
    "age_band",
    "sex",
    "ethnicity",
    "area",
    "place_of_death",
    "expectation",
    "jar_held",
    "jar_date",
    "status",
    "category",
    "reviewed_on",
    "modifiable",
    "review_reference",
]


def statistic_rows(tables: list[StatTable]) -> list[list]:
    """One row per published figure: table, row, year, count, percentage ("c" where suppressed)."""
    rows = [["table", "row", "year", "count", "percent"]]
    for table in tables:
        for row in table.rows:
            for year, cell, pct in zip(table.years, row.cells, row.percents, strict=True):
                rows.append([table.title, row.label, year, cell, pct])
            if row.total is not None:
                rows.append([table.title, row.label, "all years shown", row.total, ""])
        if table.col_totals is not None:
            for year, cell in zip(table.years, table.col_totals, strict=True):
                rows.append([table.title, "Total", year, cell, ""])
            rows.append([table.title, "Total", "all years shown", table.total, ""])
    return rows


def case_rows(deaths) -> list[list]:
    rows = [CASE_COLUMNS]
    for d in deaths:
        review = getattr(d, "review", None)
        rows.append(
            [
                d.case_number,
                d.date_of_death.isoformat(),
                d.date_notified.isoformat(),
                d.age_band_label,
                d.get_sex_display(),
                str(d.ethnicity) if d.ethnicity_id else "",
                str(d.area),
                d.get_place_of_death_display(),
                d.get_expectation_display(),
                "yes" if d.jar_held else "no",
                d.jar_date.isoformat() if d.jar_date else "",
                d.get_status_display(),
                str(review.category) if review else "",
                review.reviewed_on.isoformat() if review else "",
                review.get_modifiable_display() if review else "",
                d.review_reference,
            ]
        )
    return rows


_safe = safe_cell


def respond(rows: list[list], *, filename: str, fmt: str) -> HttpResponse:
    """The rows as a CSV or XLSX download."""
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = "data"
        for row in rows:
            sheet.append([_safe(v) for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.writer(response)
    writer.writerows([[_safe(v) for v in row] for row in rows])
    return response
