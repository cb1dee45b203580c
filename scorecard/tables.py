"""Reading import files and parsing their cells. Pure: pandas, no Django.

One reader for every import (indicators, measurements, DfE files), from the upload page and the
management commands alike: CSV or XLSX recognised by content, every cell read as text so that
DfE symbols and leading zeros survive, column names trimmed and case-insensitive.
"""

import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import filetype
import pandas as pd

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DFE_SYMBOLS = {"c", "u", "z", ":", "x"}
MAX_DECIMALS = 4
MAX_ABS_VALUE = Decimal("1e10")


class FileRefused(Exception):
    """The file as a whole cannot be read (wrong type, wrong sheet, missing columns)."""


@dataclass
class Table:
    """A file's rows as text: `frame` has normalised column names; `first_row` is the
    spreadsheet row number of the first data row (the header is row 1)."""

    frame: pd.DataFrame
    sheet: str = ""
    first_row: int = 2

    def records(self):
        """(row number, {column: text}) for every data row."""
        columns = list(self.frame.columns)
        for offset, values in enumerate(self.frame.itertuples(index=False, name=None)):
            yield offset + self.first_row, dict(zip(columns, values, strict=True))


def normalise_column(name) -> str:
    """Trimmed, lower case, inner spaces and hyphens as underscores: " Period Start" -> "period_start"."""
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def sniff(head: bytes) -> str:
    """ "xlsx" or "csv" judged by content; FileRefused for anything else."""
    kind = filetype.guess(head)
    if kind is not None:
        if kind.mime == XLSX_MIME:
            return "xlsx"
        raise FileRefused(f"This is a {kind.extension.upper()} file, not CSV or XLSX (checked by its content).")
    if b"\x00" in head:
        raise FileRefused("This is not a CSV or XLSX file (checked by its content).")
    return "csv"


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused("The CSV file is not readable text (UTF-8 or Windows-1252).")


def read_table(data: bytes, *, prefer_sheet: str = "") -> Table:
    """Read CSV or XLSX bytes into a Table of text cells (blank cells as "")."""
    kind = sniff(data[:8192])
    try:
        if kind == "csv":
            frame = pd.read_csv(io.StringIO(_decode(data)), dtype=str, keep_default_na=False, skipinitialspace=True)
            sheet = ""
        else:
            book = pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
            wanted = {normalise_column(s): s for s in book.sheet_names}
            sheet = (
                wanted.get(normalise_column(prefer_sheet), book.sheet_names[0]) if prefer_sheet else book.sheet_names[0]
            )
            frame = pd.read_excel(book, sheet_name=sheet, dtype=str, keep_default_na=False)
    except FileRefused:
        raise
    except Exception as exc:  # pandas raises many kinds for a broken file
        raise FileRefused(f"The file could not be read as {kind.upper()}: {exc}") from exc
    frame = frame.rename(columns=normalise_column)
    frame = frame.loc[:, [c for c in frame.columns if c and not c.startswith("unnamed:")]]
    frame = frame.fillna("").astype(str).apply(lambda col: col.str.strip())
    return Table(frame=frame, sheet=sheet)


def check_columns(table: Table, *, required: set[str], known: set[str], what: str, title_of=str) -> list[str]:
    """Extra columns (reported and ignored); FileRefused naming the missing ones by `title_of`."""
    present = set(table.frame.columns)
    missing = required - present
    if missing:
        where = f'The sheet "{table.sheet}"' if table.sheet else "The file"
        names = ", ".join(f'"{title_of(m)}"' for m in sorted(missing))
        raise FileRefused(
            f"{where} is not a {what} file: it has no {names} column{'s' if len(missing) > 1 else ''} "
            f"(found: {', '.join(table.frame.columns) or 'none'}). "
            "Start from the template on the import page: its first row has every column."
        )
    return [c for c in table.frame.columns if c not in known]


_UK_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date:
    """ISO (2024-04-30, also with a midnight time from Excel) or UK day-first (30/04/2024)."""
    text = text.strip()
    for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_UK_DATE, (2, 1, 0))):
        match = pattern.match(text)
        if match:
            parts = match.groups()
            try:
                return date(int(parts[order[0]]), int(parts[order[1]]), int(parts[order[2]]))
            except ValueError:
                break
    raise ValueError(f'"{text}" is not a date (use 2024-04-30 or 30/04/2024)')


def parse_number(text: str) -> Decimal | None:
    """A Decimal from text like "1,234.5" or "85.0%"; None for blank; ValueError otherwise."""
    text = text.strip().replace(",", "").removesuffix("%").strip()
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f'"{text}" is not a number') from None
    if not number.is_finite():
        raise ValueError(f'"{text}" is not a number')
    if abs(number) >= MAX_ABS_VALUE:
        raise ValueError(f'"{text}" is too large')
    if number.as_tuple().exponent < -MAX_DECIMALS:
        raise ValueError(f'"{text}" has more than {MAX_DECIMALS} decimal places')
    return number


def parse_value(text: str) -> tuple[Decimal | None, str]:
    """(value, symbol): a number, or no value with its DfE symbol (c, u, z, :, x) kept."""
    cleaned = text.strip()
    if cleaned.lower() in DFE_SYMBOLS:
        return None, cleaned.lower()
    return parse_number(cleaned), ""


def as_text(value) -> str:
    """How a stored value reads in a preview or an export (Decimal without trailing zeros)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
