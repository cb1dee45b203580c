"""DfE children-in-need files → measurement rows (local, England, region, statistical neighbours).

Which DfE column feeds which indicator is data (framework/dfe_mapping.csv): a mapping row
applies to any uploaded file that has its columns, so a new DfE column needs a new mapping row,
not code. A row either copies a published value (`value_column`, with the numerator and
denominator kept for the local authority) or computes a percentage from summed numerator columns
over a denominator column (e.g. ICPCs within 15 working days = 0-10 + 11-15 day bands / ICPCs).
A suppressed or unavailable cell becomes a missing value with its symbol kept, never a zero.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from bscp_portal.lib import periods
from bscp_portal.lib.rounding import round_half_up
from scorecard.tables import DFE_SYMBOLS, FileRefused, Table, normalise_column

FRAMEWORK_DIR = Path(__file__).resolve().parent / "framework"
MAPPING_FILE = FRAMEWORK_DIR / "dfe_mapping.csv"
NEIGHBOURS_FILE = FRAMEWORK_DIR / "dfe" / "barnsley_statistical_neighbours.csv"
AREA_COLUMNS = {"time_period", "geographic_level", "area"}
NATIONAL, REGIONAL, LOCAL = "national", "regional", "local authority"
#: Statistical-neighbour averages are given for rates and percentages, not for counts.
AVERAGED_UNITS = {"percentage", "rate_per_10000", "days", "score"}


@dataclass(frozen=True)
class Mapping:
    indicator_code: str
    value_column: str
    numerator_columns: tuple[str, ...]
    denominator_column: str
    note: str

    @property
    def columns(self) -> set[str]:
        needed = {self.value_column} if self.value_column else set(self.numerator_columns) | {self.denominator_column}
        if self.value_column and self.numerator_columns:
            needed |= set(self.numerator_columns) | {self.denominator_column}
        return {c for c in needed if c}


def load_mapping(path: Path = MAPPING_FILE) -> list[Mapping]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            Mapping(
                indicator_code=row["indicator_code"].strip(),
                value_column=normalise_column(row["value_column"]) if row["value_column"].strip() else "",
                numerator_columns=tuple(normalise_column(c) for c in row["numerator_columns"].split("+") if c.strip()),
                denominator_column=normalise_column(row["denominator_column"])
                if row["denominator_column"].strip()
                else "",
                note=row["note"].strip(),
            )
            for row in csv.DictReader(fh)
        ]


def default_neighbours(path: Path = NEIGHBOURS_FILE) -> list[str]:
    """The local authority's statistical neighbours in the latest DfE model shipped."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        return []
    latest = max(r["model"] for r in rows)
    return [r["la_name"] for r in sorted(rows, key=lambda r: int(r["rank"])) if r["model"] == latest]


def year_ending_march(text: str) -> tuple[date, date]:
    """DfE time_period "2025" (year ending 31 March 2025) or "202425" → (1 April, 31 March)."""
    text = text.strip()
    if len(text) == 6 and text.isdigit():
        end_year = int(text[:4]) + 1
    elif len(text) == 4 and text.isdigit():
        end_year = int(text)
    else:
        raise ValueError(f'time_period "{text}" is not a year')
    return periods.FinancialYear(end_year - 1).dates


def areas_in(table: Table) -> dict[str, list[str]]:
    """Area names by geographic level, to choose the local authority, region and neighbours."""
    missing = AREA_COLUMNS - set(table.frame.columns)
    if missing:
        raise FileRefused(
            "This is not a DfE children in need file: it has no "
            + ", ".join(sorted(missing))
            + " column (the DfE's underlying data files have time_period, geographic_level and area)."
        )
    found: dict[str, set[str]] = defaultdict(set)
    for level, area in zip(table.frame["geographic_level"], table.frame["area"], strict=True):
        found[level.strip().lower()].add(area.strip())
    return {level: sorted(names) for level, names in found.items()}


def _cell(text: str) -> tuple[Decimal | None, str]:
    text = (text or "").strip()
    if text.lower() in DFE_SYMBOLS:
        return None, text.lower()
    if not text:
        return None, ":"
    try:
        return Decimal(text.replace(",", "")), ""
    except ArithmeticError:
        return None, ":"


def _figure(row: dict, mapping: Mapping, decimals: int) -> tuple[Decimal | None, str, Decimal | None, Decimal | None]:
    """(value, symbol, numerator, denominator) for one area-year row."""
    parts = [_cell(row.get(c, "")) for c in mapping.numerator_columns]
    denominator, den_symbol = (
        _cell(row.get(mapping.denominator_column, "")) if mapping.denominator_column else (None, "")
    )
    numerator = sum((v for v, _ in parts), Decimal(0)) if parts and all(v is not None for v, _ in parts) else None
    if mapping.value_column:
        value, symbol = _cell(row.get(mapping.value_column, ""))
        return value, symbol, numerator, denominator
    symbols = [s for _, s in parts if s] + ([den_symbol] if den_symbol else [])
    if symbols:
        return None, "c" if "c" in symbols else symbols[0], None, None
    if numerator is None or not denominator:
        return None, ":", None, None
    return round_half_up(numerator / denominator * 100, decimals), "", numerator, denominator


def _text(value: Decimal | None, symbol: str) -> str:
    return symbol if value is None else format(value, "f")


def measurement_rows(
    table: Table,
    *,
    local_authority: str,
    region: str,
    neighbours: list[str],
    indicators: dict[str, tuple[str, int]],
    file_label: str,
    mapping: list[Mapping] | None = None,
) -> tuple[list[tuple[int, dict]], list[str]]:
    """Measurement records (row number, text cells) for every mapped indicator and year, plus
    the DfE columns no mapping uses (reported as ignored).

    `indicators`: code → (unit, decimals). Notes name the DfE column, not the file, so the same
    figures uploaded under another file name read as unchanged. Numerator and denominator are kept for the local
    authority only: England and regional totals are rounded to the nearest 10 by the DfE.
    """
    areas_in(table)
    mapping = load_mapping() if mapping is None else mapping
    columns = set(table.frame.columns)
    usable: dict[str, Mapping] = {}
    for m in mapping:
        if m.indicator_code not in usable and m.columns <= columns:
            usable[m.indicator_code] = m
    if not usable:
        raise FileRefused(
            "No column of this file is mapped to an indicator (see the DfE mapping in docs/formats.md); nothing to import."
        )
    used = AREA_COLUMNS | {"old_la_code", "new_la_code", "source"} | set().union(*(m.columns for m in usable.values()))
    ignored = sorted(columns - used)
    neighbour_set = {n.strip().lower() for n in neighbours}
    records: list[tuple[int, dict]] = []
    sn_values: dict[tuple[str, str], list] = defaultdict(list)
    sn_first_row: dict[tuple[str, str], int] = {}
    for row_number, row in table.records():
        level, area = row["geographic_level"].strip().lower(), row["area"].strip()
        if level == NATIONAL:
            series = "england"
        elif level == REGIONAL and area.lower() == region.strip().lower():
            series = "region"
        elif level == LOCAL and area.lower() == local_authority.strip().lower():
            series = "local"
        elif level == LOCAL and area.lower() in neighbour_set:
            series = "stat_neighbours"
        else:
            continue
        try:
            start, end = year_ending_march(row["time_period"])
        except ValueError as exc:
            records.append(
                (
                    row_number,
                    {"indicator_code": "", "period_start": "", "period_end": "", "value": "", "note": str(exc)},
                )
            )
            continue
        for code, m in usable.items():
            unit, decimals = indicators.get(code, ("", 1))
            value, symbol, numerator, denominator = _figure(row, m, decimals)
            if series == "stat_neighbours":
                if unit in AVERAGED_UNITS:
                    sn_values[(code, row["time_period"])].append((area, value, symbol, start, end))
                    sn_first_row.setdefault((code, row["time_period"]), row_number)
                continue
            record = {
                "indicator_code": code,
                "period_start": start.isoformat(),
                "period_end": end.isoformat(),
                "series": series,
                "value": _text(value, symbol),
                "note": m.note,
            }
            if series == "local" and value is not None and numerator is not None and denominator:
                record["numerator"], record["denominator"] = format(numerator, "f"), format(denominator, "f")
            records.append((row_number, record))
    for (code, period), found in sn_values.items():
        _, decimals = indicators.get(code, ("", 1))
        known = [v for _, v, _, _, _ in found if v is not None]
        missing = sorted(f"{a} ({s})" for a, v, s, _, _ in found if v is None)
        start, end = found[0][3], found[0][4]
        note = f"Mean of {len(known)} of {len(found)} statistical neighbours"
        if missing:
            note += "; missing " + ", ".join(missing)
        value_text = format(round_half_up(sum(known) / len(known), decimals), "f") if known else ":"
        records.append(
            (
                sn_first_row[(code, period)],
                {
                    "indicator_code": code,
                    "period_start": start.isoformat(),
                    "period_end": end.isoformat(),
                    "series": "stat_neighbours",
                    "value": value_text,
                    "note": note[:500],
                },
            )
        )
    records.sort(key=lambda r: r[0])
    return records, ignored
