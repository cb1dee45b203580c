"""The shared export writer: typed cells, escaping of formulas, streaming, column titles."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.http import Http404
from openpyxl import load_workbook

from bscp_portal.lib.exports import (
    CSV_BATCH,
    Column,
    csv_chunks,
    csv_text,
    escape,
    field_title,
    plain,
    positional,
    respond,
    safe_filename,
    write_xlsx,
)

PAYLOADS = ["=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1"]
COLUMNS = positional(["Name", "Count", "Amount", "On", "At", "Done", "Missing"])
ROW = ["Plain", 3, Decimal("12.50"), dt.date(2025, 4, 1), dt.datetime(2025, 4, 1, 9, 30), True, None]


def _xlsx(columns, rows) -> list[tuple]:
    buffer = io.BytesIO()
    write_xlsx(buffer, columns, rows)
    return list(load_workbook(buffer).active.iter_rows(values_only=False))


@pytest.mark.parametrize("text", PAYLOADS)
def test_it_neutralises_every_formula_start(text):
    assert escape(text) == "'" + text
    assert plain(text) == "'" + text


@pytest.mark.parametrize("text", ["Plain text", "a=b", "", "1-2", "'quoted"])
def test_it_leaves_other_text_alone(text):
    assert escape(text) == text


def test_it_keeps_numbers_and_dates_typed_and_says_yes_or_no():
    assert [plain(v) for v in ROW] == ["Plain", 3, Decimal("12.50"), ROW[3], ROW[4], "yes", None]
    assert plain(-5) == -5 and plain(Decimal("-1.5")) == Decimal("-1.5")  # a negative number is no formula
    assert plain(False) == "no" and plain(float("nan")) is None


def test_anything_else_is_written_as_escaped_text():
    class Named:
        def __str__(self):
            return "=Agency"

    assert plain(Named()) == "'=Agency"


def test_the_csv_writes_iso_dates_and_plain_decimals():
    rows = list(csv.reader(io.StringIO(csv_text(COLUMNS, [ROW]))))
    assert rows == [
        ["Name", "Count", "Amount", "On", "At", "Done", "Missing"],
        ["Plain", "3", "12.50", "2025-04-01", "2025-04-01T09:30:00", "yes", ""],
    ]
    assert csv_text(positional(["n"]), [[Decimal("1E+1")]]).splitlines()[1] == "10"


def test_the_csv_escapes_every_text_cell_of_every_column():
    rows = [[p, p.strip()] for p in PAYLOADS]
    parsed = list(csv.reader(io.StringIO(csv_text(positional(["a", "b"]), rows), newline="")))
    for row in parsed[1:]:
        assert all(cell.startswith("'") for cell in row), row


def test_the_csv_streams_in_batches_as_rows_are_read():
    read = []

    def records():
        for i in range(CSV_BATCH * 2 + 1):
            read.append(i)
            yield [i]

    chunks = csv_chunks(positional(["n"]), records())
    first = next(chunks)
    assert first.count("\n") == 1 + CSV_BATCH  # the header and one batch
    assert len(read) == CSV_BATCH  # not the whole table: only the rows of the first batch
    rest = list(chunks)
    assert len(rest) == 2 and "".join([first, *rest]).count("\n") == 1 + CSV_BATCH * 2 + 1


def test_the_xlsx_has_typed_cells_and_no_formula():
    header, row = _xlsx(COLUMNS, [ROW])
    assert [c.value for c in header] == ["Name", "Count", "Amount", "On", "At", "Done", "Missing"]
    assert header[0].font.b
    assert [c.data_type for c in row] == ["s", "n", "n", "d", "d", "s", "n"]
    assert row[1].value == 3 and row[2].value == 12.5
    assert row[3].value == dt.datetime(2025, 4, 1) and row[3].number_format == "yyyy-mm-dd"
    assert row[4].value == dt.datetime(2025, 4, 1, 9, 30)
    assert row[5].value == "yes" and row[6].value is None


def test_the_xlsx_never_holds_a_formula():
    rows = _xlsx(positional(["Text"]), [[p] for p in PAYLOADS])
    cells = [r[0] for r in rows[1:]]
    assert all(c.data_type == "s" and c.value.startswith("'") for c in cells)
    # A carriage return is stored as the XML escape _x000D_ (which openpyxl does not undo).
    assert [c.value.replace("_x000D_", "\r") for c in cells] == ["'" + p for p in PAYLOADS]


def test_aware_times_keep_the_wall_time_the_export_chose():
    at = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)
    (_, row) = _xlsx(positional(["At"]), [[at]])
    assert row[0].value == dt.datetime(2025, 6, 1, 12, 0)
    assert csv_text(positional(["At"]), [[at]]).splitlines()[1] == "2025-06-01T12:00:00+00:00"


def test_columns_read_records_and_take_model_verbose_names():
    from partnership.models import SecurityEvent

    column = Column.field(SecurityEvent, "username")
    assert column.title == "Username"

    class Event:
        username = "=x"

    assert column.get(Event()) == "=x"
    assert Column.field(SecurityEvent, "path", key="p").get({"p": "/a"}) == "/a"
    assert field_title(SecurityEvent, "ip_address") == "Ip address"  # why exports title it themselves


def test_the_response_streams_csv_with_a_byte_order_mark():
    response = respond(fmt="csv", filename="things", columns=COLUMNS, rows=iter([ROW]))
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="things.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.getvalue()
    assert body.startswith("\ufeff".encode()) and body.decode("utf-8-sig").startswith("Name,Count")


def test_the_response_sends_the_xlsx_from_a_file_in_chunks():
    response = respond(fmt="xlsx", filename="things", columns=COLUMNS, rows=[ROW], sheet="A sheet: [1]")
    assert response.streaming and response["Content-Disposition"] == 'attachment; filename="things.xlsx"'
    book = load_workbook(io.BytesIO(response.getvalue()))
    assert book.sheetnames == ["A sheet   1"]


def test_another_format_is_404():
    with pytest.raises(Http404):
        respond(fmt="pdf", filename="x", columns=COLUMNS, rows=[])


def test_file_names_hold_no_header_breaking_or_path_characters():
    assert safe_filename("section11-matrix-2025-26") == "section11-matrix-2025-26"
    assert safe_filename("matrix-\r=1 ../x") == "matrix--1-..-x"
    assert safe_filename("\r\n") == "export"


def test_an_xlsx_without_rows_still_has_its_header_row_frozen():
    buffer = io.BytesIO()
    write_xlsx(buffer, positional(["Name", "Due date"]), iter([]))
    sheet = load_workbook(buffer).active
    assert [c.value for c in next(sheet.iter_rows())] == ["Name", "Due date"]
    assert sheet.freeze_panes == "A2"
    assert all(value is None for row in sheet.iter_rows(min_row=2, values_only=True) for value in row)


def test_two_columns_with_one_title_stay_two_columns():
    header, row = _xlsx(positional(["Agency", "Agency"]), [["Police", "Health"]])
    assert [c.value for c in header] == ["Agency", "Agency (2)"]
    assert [c.value for c in row] == ["Police", "Health"]


def test_dates_and_times_each_read_as_themselves():
    at = dt.datetime(2025, 4, 1, 9, 30)
    rows = _xlsx(positional(["On", "At", "Clock"]), [[None, None, None], [dt.date(2025, 4, 1), at, dt.time(9, 30)]])
    on, stamp, clock = rows[2]
    assert on.number_format == "yyyy-mm-dd"
    assert stamp.value == at and stamp.number_format == "yyyy-mm-dd hh:mm:ss"
    assert clock.value == "09:30:00"


def test_every_sheet_of_a_workbook_is_written_in_order_from_generators():
    from bscp_portal.lib.exports import write_workbook

    buffer = io.BytesIO()
    many = (["row", n] for n in range(1, 1001))
    write_workbook(buffer, [("First", positional(["Kind", "N"]), many), ("First", positional(["Other"]), [["x"]])])
    book = load_workbook(buffer)
    assert book.sheetnames == ["First", "First (2)"]
    values = list(book["First"].iter_rows(min_row=2, values_only=True))
    assert len(values) == 1000 and values[-1] == ("row", 1000)
    assert [c.value for c in next(book["First (2)"].iter_rows())] == ["Other"]


# --- background builds -------------------------------------------------------------------------


def test_inside_building_respond_writes_the_file_it_would_have_sent():
    from bscp_portal.lib.exports import building

    sent = b"".join(respond(fmt="csv", filename="things", columns=COLUMNS, rows=[ROW] * 3).streaming_content)
    target = io.BytesIO()
    with building(target) as build:
        answer = respond(fmt="csv", filename="things now", columns=COLUMNS, rows=[ROW] * 3)
    assert answer.status_code == 200 and target.getvalue() == sent
    assert (build.written, build.fmt, build.filename, build.rows_written) == (True, "csv", "things-now", 3)


def test_a_build_reports_its_progress_every_few_rows_and_at_the_end():
    from bscp_portal.lib.exports import building

    seen = []
    target = io.BytesIO()
    with building(target, seen.append, every=2):
        respond(fmt="xlsx", filename="things", columns=COLUMNS, rows=[ROW] * 5, request=object(), count=10**9)
    assert seen == [2, 4, 5]
    assert len(list(load_workbook(target).active.iter_rows())) == 6


def test_over_the_threshold_respond_hands_the_export_to_the_registered_handler(settings, monkeypatch):
    from bscp_portal.lib import exports

    asked = []
    monkeypatch.setattr(exports, "_background_handler", lambda request, **kw: asked.append((request, kw)) or "queued")
    settings.EXPORT_BACKGROUND_ROWS = 2
    over = respond(fmt="csv", filename="big one", columns=COLUMNS, rows=[], request="request", count=3)
    assert over == "queued" and asked == [("request", {"fmt": "csv", "filename": "big-one", "count": 3})]
    at = respond(fmt="csv", filename="small", columns=COLUMNS, rows=[], request="request", count=2)
    assert at.status_code == 200 and len(asked) == 1
    without_count = respond(fmt="csv", filename="unknown", columns=COLUMNS, rows=[], request="request")
    assert without_count.status_code == 200 and len(asked) == 1
