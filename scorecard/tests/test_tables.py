"""Reading import files: types by content, case-insensitive columns, ISO and UK dates, DfE symbols."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from scorecard.tables import FileRefused, check_columns, parse_date, parse_number, parse_value, read_table, sniff


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_it_reads_iso_and_uk_day_first_dates():
    assert parse_date("2024-04-30") == date(2024, 4, 30)
    assert parse_date("30/04/2024") == date(2024, 4, 30)
    assert parse_date("1/5/2024") == date(2024, 5, 1)
    assert parse_date("2024-04-30 00:00:00") == date(2024, 4, 30)


@pytest.mark.parametrize("text", ["04/31/2024", "2024-13-01", "next week", "31/02/2024"])
def test_it_refuses_impossible_dates(text):
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(text)


def test_it_reads_numbers_with_separators_and_percent_signs():
    assert parse_number("1,234.5") == Decimal("1234.5")
    assert parse_number("85.0%") == Decimal("85.0")
    assert parse_number("") is None
    with pytest.raises(ValueError, match="not a number"):
        parse_number("eighty")
    with pytest.raises(ValueError, match="decimal places"):
        parse_number("1.23456")


@pytest.mark.parametrize("symbol", ["c", "u", "z", ":", "x", "C"])
def test_dfe_symbols_become_missing_values_never_zero(symbol):
    assert parse_value(symbol) == (None, symbol.lower())


def test_columns_are_trimmed_and_case_insensitive():
    table = read_table(b" Indicator_Code ,PERIOD START,value\nA,2024-04-01,1\n")
    assert list(table.frame.columns) == ["indicator_code", "period_start", "value"]
    assert list(table.records()) == [(2, {"indicator_code": "A", "period_start": "2024-04-01", "value": "1"})]


def test_extra_columns_are_reported_and_missing_ones_refused():
    table = read_table(b"indicator_code,value,colour\nA,1,red\n")
    assert check_columns(table, required={"value"}, known={"indicator_code", "value"}, what="x") == ["colour"]
    with pytest.raises(FileRefused, match='no "period_start" column'):
        check_columns(table, required={"period_start"}, known=set(), what="measurements")


def test_it_reads_xlsx_and_prefers_the_named_sheet():
    data = xlsx_bytes({"Notes": [["read me"]], "Measurements": [["indicator_code", "value"], ["A", 1.5]]})
    table = read_table(data, prefer_sheet="measurements")
    assert table.sheet == "Measurements"
    assert list(table.records()) == [(2, {"indicator_code": "A", "value": "1.5"})]


def test_a_wrong_sheet_is_named_in_the_message():
    data = xlsx_bytes({"Notes": [["read me"], ["nothing here"]]})
    table = read_table(data, prefer_sheet="measurements")
    with pytest.raises(FileRefused, match='sheet "Notes" is not a measurements file'):
        check_columns(table, required={"indicator_code"}, known=set(), what="measurements")


def test_it_judges_the_type_by_content_not_name():
    assert sniff(b"a,b\n1,2\n") == "csv"
    with pytest.raises(FileRefused, match="PDF"):
        sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    with pytest.raises(FileRefused, match="not a CSV or XLSX"):
        sniff(b"\x00\x01\x02binary")
