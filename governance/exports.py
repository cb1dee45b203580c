"""CSV and XLSX from the same access-checked rows as the pages."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

from bscp_portal.lib.spreadsheet import safe_cell


def respond(*, rows: list[list], headers: list[str], filename: str, fmt: str) -> HttpResponse:
    """A CSV or XLSX download of `rows` under `headers`."""
    if fmt == "xlsx":
        wb = Workbook()
        ws = wb.active
        ws.append(headers)
        for row in rows:
            ws.append([_cell(v) for v in row])
        buf = io.BytesIO()
        wb.save(buf)
        response = HttpResponse(
            buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.writer(response)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else (_safe(v) if isinstance(v, str) else v) for v in row])
    return response


def _cell(value):
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return _safe(value)
    return value


_safe = safe_cell
