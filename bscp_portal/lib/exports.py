"""The one writer behind every CSV and XLSX file the portal sends.

An export describes its columns (`Column(title, get)`, titled in words, from the model's verbose
name where the column is a model field) and hands over its records; this module does the rest,
the same way for every strand:
- every text cell is neutralised: text a spreadsheet would run as a formula (starting `=`, `+`,
  `-`, `@`, a tab or a carriage return) gets a leading apostrophe (OWASP, CSV injection);
- numbers and dates stay typed: number and date cells in XLSX, plain ISO text in CSV;
  `True`/`False` read `yes`/`no`, `None` is an empty cell;
- it streams: CSV goes out in batches of rows as they are read; XLSX is written by XlsxWriter in
  constant-memory mode (a row at a time, to a temporary file) and sent from that file in chunks,
  so memory stays flat however many rows there are.
No export opens `csv.writer` or a workbook itself (bscp_portal/tests/test_export_guard.py).
"""

import csv
import datetime as dt
import math
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import Any

import xlsxwriter
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils.text import capfirst

#: A cell starting with one of these would be run as a formula by a spreadsheet: =, +, -, @, and
#: tab or carriage return, which some spreadsheets skip before them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: Rows per chunk of a streamed CSV: one write per row would make thousands of tiny chunks.
CSV_BATCH = 500
#: Excel refuses longer sheet names.
SHEET_NAME_MAX = 31


def escape(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; other text passes."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class Column:
    """One column of an export: its title in words, and how to read its value from a record."""

    title: str
    get: Callable[[Any], Any]

    @classmethod
    def field(cls, model, name: str, get: Callable[[Any], Any] | None = None, *, key: str | None = None) -> "Column":
        """A column showing `model`'s field `name`, titled by its verbose name. The value is read
        by `get`, else from the record's item `key` (a `values()` dict), else its attribute; a
        field with choices shows the choice's label, never its stored code."""
        if get is None:
            get = itemgetter(key) if key else attrgetter(name)
        labels = choice_labels(model, name)
        if labels:
            read = get

            def get(record, read=read, labels=labels):
                value = read(record)
                return labels.get(value, value)

        return cls(field_title(model, name), get)


def choice_labels(model, name: str) -> dict:
    """The field's choices as {stored value: label in words}; empty for a field without choices."""
    field = model._meta.get_field(name)
    return {value: str(label) for value, label in getattr(field, "flatchoices", None) or []}


def field_title(model, name: str) -> str:
    """The field's verbose name as a column title: `due_date` -> "Due date"."""
    return str(capfirst(model._meta.get_field(name).verbose_name))


def positional(titles: Iterable[str]) -> list[Column]:
    """Columns over records that are sequences already in column order."""
    return [Column(title, itemgetter(i)) for i, title in enumerate(titles)]


def _same(value):
    return value


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


#: What each exact type becomes in a cell (a dict look-up: exports call this for every cell).
_PLAIN = {
    type(None): _same,
    str: escape,
    bool: _yes_no,
    int: _same,
    float: _finite,
    Decimal: _same,
    dt.date: _same,
    dt.datetime: _same,
    dt.time: _same,
}


def plain(value):
    """The value a cell holds: safe text, yes/no for booleans, numbers and dates as they are."""
    convert = _PLAIN.get(type(value))
    if convert is not None:
        return convert(value)
    # Subclasses (a choice's value, a safe string), lazy text and objects: by kind, else as text.
    for kind in (bool, float, int, Decimal, dt.date, dt.time):
        if isinstance(value, kind):
            return _PLAIN[kind](value)
    return escape(str(value))  # a str subclass stays one: _by_type finds it


def cells(columns: list[Column], record) -> list:
    """One record as a row of plain cell values, in column order."""
    return [plain(column.get(record)) for column in columns]


# --- CSV ---------------------------------------------------------------------------------------

#: How a value is written in CSV, by exact type (datetime before date: it is a date too).
_CSV = {
    type(None): lambda value: "",
    str: escape,
    bool: _yes_no,
    int: _same,
    float: lambda value: value if math.isfinite(value) else "",
    Decimal: lambda value: format(value, "f"),  # never "1E+1"
    dt.datetime: lambda value: value.isoformat(),
    dt.date: lambda value: value.isoformat(),
    dt.time: lambda value: value.isoformat(),
}


def _by_type(table: dict, value):
    """The entry of `table` for the value's type, or for the first type it is a subclass of."""
    found = table.get(type(value))
    if found is None:
        found = next(entry for kind, entry in table.items() if isinstance(value, kind))
    return found


def _csv_cell(value):
    """A value as CSV text: one look-up for the common exact types (this runs for every cell)."""
    write = _CSV.get(type(value))
    if write is not None:
        return write(value)
    value = plain(value)
    return _by_type(_CSV, value)(value)


class _Lines(list):
    """A file-like target for csv.writer that keeps what is written, to be sent in chunks."""

    def write(self, text: str) -> None:
        self.append(text)


def csv_chunks(columns: list[Column], records: Iterable) -> Iterator[str]:
    """The CSV text (header row first), in chunks of CSV_BATCH rows."""
    lines = _Lines()
    writer = csv.writer(lines)
    writer.writerow([escape(c.title) for c in columns])
    getters = [c.get for c in columns]
    for n, record in enumerate(records, start=1):
        writer.writerow([_csv_cell(get(record)) for get in getters])
        if n % CSV_BATCH == 0:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)


def csv_text(columns: list[Column], records: Iterable) -> str:
    """The whole CSV as one string (for files written to disk or attached, not sent)."""
    return "".join(csv_chunks(columns, records))


# --- XLSX --------------------------------------------------------------------------------------


def write_xlsx(target, columns: list[Column], records: Iterable, *, sheet: str = "Data") -> None:
    """Write one sheet (bold header row, frozen) to `target`, a path or a binary file."""
    write_workbook(target, [(sheet, columns, records)])


def write_workbook(target, sheets: list[tuple[str, list[Column], Iterable]]) -> None:
    """Write several sheets, each `(name, columns, records)` as `write_xlsx` writes one."""
    book = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,  # rows are flushed to disk as they are written
            "strings_to_formulas": False,  # belt and braces: text is written with write_string
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "remove_timezone": True,  # aware times are written as the wall time the export chose
        },
    )
    formats = {
        "bold": book.add_format({"bold": True}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "stamp": book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        "clock": book.add_format({"num_format": "hh:mm:ss"}),
    }
    for name, columns, records in sheets:
        _write_sheet(book.add_worksheet(_sheet_name(name)), formats, columns, records)
    book.close()


def _write_sheet(ws, formats: dict, columns: list[Column], records: Iterable) -> None:
    ws.freeze_panes(1, 0)
    for col, column in enumerate(columns):
        ws.set_column(col, col, min(max(len(column.title) + 2, 10), 60))
        ws.write_string(0, col, escape(column.title), formats["bold"])
    # How each kind of plain value is written (datetime before date: it is a date too).
    writers = {
        str: ws.write_string,
        int: ws.write_number,
        float: ws.write_number,
        Decimal: lambda row, col, value: ws.write_number(row, col, float(value)),
        dt.datetime: lambda row, col, value: ws.write_datetime(row, col, value, formats["stamp"]),
        dt.date: lambda row, col, value: ws.write_datetime(row, col, value, formats["date"]),
        dt.time: lambda row, col, value: ws.write_datetime(row, col, value, formats["clock"]),
    }
    for row, record in enumerate(records, start=1):
        for col, value in enumerate(cells(columns, record)):
            if value is not None:
                _by_type(writers, value)(row, col, value)


def _sheet_name(name: str) -> str:
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name.strip("' ")[:SHEET_NAME_MAX].strip() or "Data"


# --- responses ---------------------------------------------------------------------------------


def respond(
    *,
    fmt: str,
    filename: str,
    columns: list[Column],
    rows: Iterable,
    sheet: str = "Data",
    more_sheets: list[tuple[str, list[Column], Iterable]] = (),
):
    """`rows` under `columns` as a streamed CSV or XLSX download (404 for any other format).

    The CSV's rows are read while it is sent; the XLSX is written to a temporary file first
    (a zip archive cannot be sent before it is finished) and sent from it in chunks. An XLSX
    may carry `more_sheets` after the first (a CSV has only the first)."""
    if fmt not in CONTENT_TYPES:
        raise Http404("Unknown export format")
    if fmt == "csv":
        response = StreamingHttpResponse(_with_bom(csv_chunks(columns, rows)), content_type=CONTENT_TYPES["csv"])
    else:
        file = tempfile.TemporaryFile()
        try:
            write_workbook(file, [(sheet, columns, rows), *more_sheets])
        except BaseException:
            file.close()
            raise
        file.seek(0)
        response = FileResponse(file, content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}.{fmt}"'
    return response


def safe_filename(stem: str) -> str:
    """A file name that is safe in a header and on any disk: letters, digits, `.`, `_`, `-`."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "export"


def _with_bom(chunks: Iterator[str]) -> Iterator[str]:
    """A byte-order mark first, so that Excel reads the file as UTF-8 (names with accents, £)."""
    yield "\ufeff"
    yield from chunks
