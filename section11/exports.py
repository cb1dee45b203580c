"""The compliance matrix as CSV and XLSX, built from the same access-checked matrix as the page."""

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from section11 import scoring


def matrix_rows(matrix) -> tuple[list[str], list[list]]:
    header = ["Agency", "Agency type", "Section 11 duty", "Return status"]
    for s in matrix.standards:
        header += [f"S{s.number} rating", f"S{s.number} agreed"]
    header += ["Compliance %", "Previous round %", "Change (points)"]
    rows = []
    for r in matrix.rows:
        line = [r.agency, r.kind, r.duty, r.status or "not started"]
        for c in r.cells:
            line += [scoring.label(c.rating) if c.rating else "", "yes" if c.agreed else "no"]
        line += [r.score, r.previous_score, r.change]
        rows.append(line)
    return header, rows


def matrix_csv(matrix) -> str:
    header, rows = matrix_rows(matrix)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([["" if v is None else str(v) for v in row] for row in rows])
    return buffer.getvalue()


def matrix_xlsx(matrix) -> bytes:
    header, rows = matrix_rows(matrix)
    book = Workbook()
    sheet = book.active
    sheet.title = "Compliance matrix"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
