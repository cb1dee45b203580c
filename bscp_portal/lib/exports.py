"""The one writer behind every CSV and XLSX file the portal sends.

An export describes its columns (`Column(title, get)`, titled in words, from the model's verbose
name where the column is a model field) and hands over its records; this module does the rest,
the same way for every strand:
- every text cell is neutralised: text a spreadsheet would run as a formula (starting `=`, `+`,
  `-`, `@`, a tab or a carriage return) gets a leading apostrophe (OWASP, CSV injection);
- numbers and dates stay typed: number and date cells in XLSX, plain ISO text in CSV;
  `True`/`False` read `yes`/`no`, `None` is an empty cell;
- it streams: CSV goes out in batches of rows as they are read; XLSX is written by
  rust_xlsxwriter in constant-memory mode (a row at a time, to a temporary file) and sent from
  that file in chunks, so memory stays flat however many rows there are;
- a large export is built in the background: given the request and its row count, `respond()`
  over `settings.EXPORT_BACKGROUND_ROWS` rows hands the export to the handler the partnership
  app registers (`partnership/export_jobs.py`: a job, a page with progress and a download link).
  The worker asks the same export view again inside `building(target, progress)`, where
  `respond()` writes the file to `target` instead of answering.
No export opens `csv.writer` or a workbook itself (bscp_portal/tests/test_export_guard.py).
"""

import csv
import datetime as dt
import itertools
import math
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import Any

import rustpy_xlsxwriter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
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


#: Rows read ahead to learn which columns hold date-and-time values (they get a time format).
PEEK_ROWS = 200


def write_workbook(target, sheets: list[tuple[str, list[Column], Iterable]]) -> None:
    """Write several sheets, each `(name, columns, records)` as `write_xlsx` writes one.

    The workbook is written by rust_xlsxwriter (through rustpy-xlsxwriter) in constant-memory
    mode: rows are read from `records` one at a time and flushed as they are written, about seven
    times faster than XlsxWriter's pure Python. Text is written as text, never as a formula."""
    entries, widths, formats = [], {}, {}
    for name, columns, records in sheets:
        name = _unique(_sheet_name(name), {entry[0] for entry in entries})
        titles = _unique_titles([escape(column.title) for column in columns])
        head, rows = _peek(_xlsx_rows(columns, titles, records))
        entries.append((name, rows if head else [dict.fromkeys(titles)]))
        widths[name] = [min(max(len(title) + 2, 10), 60) for title in titles]
        stamped = {title for row in head for title, value in row.items() if isinstance(value, dt.datetime)}
        if stamped:
            formats[name] = {title: rustpy_xlsxwriter.Format().set_num_format(STAMP) for title in stamped}
    rustpy_xlsxwriter.write_worksheets(
        entries,
        target,
        bold_headers=True,
        freeze_panes={"general": {"row": 1, "col": 0}},
        datetime_format=DATE,
        column_widths=widths,
        column_formats=formats,
    )


DATE = "yyyy-mm-dd"
STAMP = "yyyy-mm-dd hh:mm:ss"


def _xlsx_rows(columns: list[Column], titles: list[str], records: Iterable) -> Iterator[dict]:
    """Each record as {column title: plain value}; aware times as the wall time the export chose,
    clock times as text (a spreadsheet has no time-of-day type), decimals as numbers."""
    for record in records:
        row = {}
        for title, value in zip(titles, cells(columns, record), strict=True):
            kind = type(value)
            if kind is Decimal:
                value = float(value)
            elif kind is dt.datetime and value.tzinfo is not None:
                value = value.replace(tzinfo=None)
            elif kind is dt.time:
                value = value.replace(tzinfo=None).isoformat()
            row[title] = value
        yield row


def _peek(rows: Iterator[dict]) -> tuple[list[dict], Iterator[dict]]:
    """The first PEEK_ROWS rows, and an iterator over all the rows (those first)."""
    head = list(itertools.islice(rows, PEEK_ROWS))
    return head, itertools.chain(head, rows)


def _unique(name: str, taken: set[str], limit: int = SHEET_NAME_MAX) -> str:
    """`name`, or `name (2)`, `name (3)`... the first not taken, at most `limit` characters."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        suffix = f" ({n})"
        candidate = name[: limit - len(suffix)] + suffix
    return candidate


def _unique_titles(titles: list[str]) -> list[str]:
    """A row is written as {title: value}: two columns with one title would become one."""
    seen: set[str] = set()
    out = []
    for title in titles:
        title = _unique(title, seen, limit=len(title) + 6)
        seen.add(title)
        out.append(title)
    return out


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
    request=None,
    count: int | None = None,
):
    """`rows` under `columns` as a streamed CSV or XLSX download (404 for any other format).

    The CSV's rows are read while it is sent; the XLSX is written to a temporary file first
    (a zip archive cannot be sent before it is finished) and sent from it in chunks. An XLSX
    may carry `more_sheets` after the first (a CSV has only the first).

    Given the `request` and the rows' `count` (where the export knows it cheaply), an export of
    more than `settings.EXPORT_BACKGROUND_ROWS` rows is built in the background: the answer is
    the registered handler's (a redirect to the job's page). Inside `building()` the file is
    written to the build's target instead, whatever the count."""
    if fmt not in CONTENT_TYPES:
        raise Http404("Unknown export format")
    build = _building.get()
    if build is not None:
        return build.write(fmt=fmt, filename=filename, sheets=[(sheet, columns, rows), *more_sheets])
    if request is not None and count is not None and count > settings.EXPORT_BACKGROUND_ROWS:
        if _background_handler is None:
            raise ImproperlyConfigured("No handler for background exports is registered (partnership app).")
        return _background_handler(request, fmt=fmt, filename=safe_filename(filename), count=count)
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


# --- background builds -------------------------------------------------------------------------

#: Rows between two progress reports of a background build.
PROGRESS_ROWS = 5000

#: `handler(request, *, fmt, filename, count)` answering an export too large to send at once.
_background_handler: Callable | None = None


def send_large_exports_to(handler: Callable) -> None:
    """Register what answers an export over EXPORT_BACKGROUND_ROWS (the partnership app's jobs)."""
    global _background_handler
    _background_handler = handler


class Build:
    """One export being written to a file by a background job: where to, and how far it got."""

    def __init__(self, target, progress: Callable[[int], None], every: int):
        self.target = target
        self.progress = progress
        self.every = every
        self.rows_written = 0
        self.fmt = ""
        self.filename = ""

    @property
    def written(self) -> bool:
        return bool(self.fmt)

    def write(self, *, fmt: str, filename: str, sheets: list) -> HttpResponse:
        """Write the export to the target (rows of the first sheet counted); a plain 200 answer."""
        (sheet, columns, rows), *more = sheets
        rows = self._counted(rows)
        if fmt == "csv":
            for chunk in _with_bom(csv_chunks(columns, rows)):
                self.target.write(chunk.encode("utf-8"))
        else:
            write_workbook(self.target, [(sheet, columns, rows), *more])
        self.fmt, self.filename = fmt, safe_filename(filename)
        self.progress(self.rows_written)
        return HttpResponse(f"Written: {self.rows_written} rows", content_type="text/plain")

    def _counted(self, rows: Iterable) -> Iterator:
        for row in rows:
            yield row
            self.rows_written += 1
            if self.rows_written % self.every == 0:
                self.progress(self.rows_written)


_building: ContextVar[Build | None] = ContextVar("export_build", default=None)


@contextmanager
def building(target, progress: Callable[[int], None] = lambda rows: None, *, every: int | None = None):
    """While inside, `respond()` writes its export to `target` (a binary file), calling
    `progress(rows written)` every `every` rows (PROGRESS_ROWS) and at the end."""
    build = Build(target, progress, every or PROGRESS_ROWS)
    token = _building.set(build)
    try:
        yield build
    finally:
        _building.reset(token)
