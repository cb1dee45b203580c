"""Uploads: one check of size and type (by content, never by name), one limit per kind."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bscp_portal.lib.uploads import XLSX, check_upload, help_text, limit_bytes, stored_name

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def _file(name: str, content: bytes, claimed: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=claimed)


@pytest.fixture(autouse=True)
def limits(settings):
    settings.UPLOAD_LIMIT_BYTES = {"document": 10 * 1048576, "spreadsheet": 5 * 1048576, "csv": 2 * 1048576}


def test_it_accepts_a_pdf_by_its_content_and_ignores_the_claimed_type():
    upload = _file("minutes.txt", PDF, claimed="text/plain")
    accepted = check_upload(upload, "document")
    assert (accepted.mime, accepted.extension) == ("application/pdf", "pdf")
    assert upload.content_type == "application/pdf"


def test_it_tells_word_from_excel_by_what_is_inside_the_zip():
    word = check_upload(_file("a.docx", _zip("[Content_Types].xml", "word/document.xml")), "document")
    excel = check_upload(_file("b.xlsx", _zip("[Content_Types].xml", "xl/workbook.xml")), "document")
    assert (word.extension, excel.extension) == ("docx", "xlsx")


def test_it_refuses_a_plain_zip_as_a_document():
    with pytest.raises(ValidationError) as exc:
        check_upload(_file("report.docx", _zip("notes.txt")), "document")
    assert exc.value.messages == [
        "report.docx is not a PDF, Word, Excel, PowerPoint, OpenDocument or image file "
        "(checked by its content, not its name)."
    ]


def test_it_refuses_a_script_named_like_a_pdf():
    with pytest.raises(ValidationError, match=r"evidence\.pdf is not a PDF"):
        check_upload(_file("evidence.pdf", b"#!/bin/sh\necho hi\n", claimed="application/pdf"), "document")


def test_it_refuses_a_file_over_the_limit_of_its_kind_and_says_both_sizes(settings):
    settings.UPLOAD_LIMIT_BYTES = {**settings.UPLOAD_LIMIT_BYTES, "document": 1048576}
    with pytest.raises(ValidationError) as exc:
        check_upload(_file("big.pdf", PDF + b"x" * (3 * 1048576)), "document")
    assert exc.value.messages == ["big.pdf is too large: 3 MB, and the limit is 1 MB."]


def test_a_file_exactly_at_the_limit_is_accepted(settings):
    settings.UPLOAD_LIMIT_BYTES = {**settings.UPLOAD_LIMIT_BYTES, "document": len(PDF)}
    assert check_upload(_file("edge.pdf", PDF), "document").extension == "pdf"


def test_each_kind_has_its_own_limit():
    assert limit_bytes("document") == 10 * 1048576
    assert limit_bytes("spreadsheet") == 5 * 1048576


def test_a_spreadsheet_may_be_csv_text_or_xlsx():
    assert check_upload(_file("figures.csv", b"code,value\nA,1\n"), "spreadsheet").extension == "csv"
    xlsx = check_upload(_file("figures.xlsx", _zip("[Content_Types].xml", "xl/workbook.xml")), "spreadsheet")
    assert xlsx.mime == XLSX


def test_a_spreadsheet_may_not_be_a_picture():
    with pytest.raises(ValidationError, match="is not a CSV or XLSX file"):
        check_upload(_file("figures.csv", PNG), "spreadsheet")


def test_a_csv_list_may_not_be_a_workbook():
    with pytest.raises(ValidationError, match="is not a CSV text file"):
        check_upload(_file("cases.csv", _zip("[Content_Types].xml", "xl/workbook.xml")), "csv")


def test_an_error_can_belong_to_a_field():
    with pytest.raises(ValidationError) as exc:
        check_upload(_file("x.pdf", b""), "document", field="report")
    assert list(exc.value.message_dict) == ["report"]


def test_the_form_says_what_it_accepts():
    assert help_text("spreadsheet") == "A CSV or XLSX file, up to 5 MB."


def test_stored_names_keep_only_the_extension():
    name = stored_name(check_upload(_file("Child A's report.pdf", PDF), "document"), prefix="evidence/")
    assert name.startswith("evidence/") and name.endswith(".pdf") and "Child" not in name
