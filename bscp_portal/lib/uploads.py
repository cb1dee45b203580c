"""Uploaded files: one check for size and type, one size limit per kind of file.

Every strand that takes a file calls `check_upload(upload, kind)`; the type is judged by the
file's content, never by its name, and the limit comes from `settings.UPLOAD_LIMIT_BYTES[kind]`
(each kind read from its own environment variable; see settings.py). Kinds:

- "document": evidence, reports, briefings, attachments: PDF, Word, Excel, PowerPoint,
  OpenDocument, PNG, JPEG or GIF.
- "spreadsheet": data to import: CSV or XLSX.
- "csv": a list typed up as CSV text (candidate cases).

    accepted = check_upload(form.cleaned_data["file"], "document", field="file")
    record.file.save(stored_name(accepted), upload)

A refused file raises ValidationError saying what is wrong in plain words (the field's error
when `field` is given); `help_text(kind)` says what is accepted, for the form. A form taking
several files at once declares `MultipleFileField`; its cleaned value is a list of files.
"""

import uuid
import zipfile
from dataclasses import dataclass

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": XLSX,
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    OOXML["word/"]: "docx",
    XLSX: "xlsx",
    OOXML["ppt/"]: "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
}
CSV = "text/csv"


@dataclass(frozen=True)
class Kind:
    types: dict[str, str]  # MIME type -> extension it is stored under
    described: str  # "a PDF, ..." as in "report.exe is not a PDF, ..."
    text_allowed: bool = False  # plain text (CSV) has no signature: accepted when it has no NUL byte


KINDS = {
    "document": Kind(DOCUMENT_TYPES, "a PDF, Word, Excel, PowerPoint, OpenDocument or image file"),
    "spreadsheet": Kind({XLSX: "xlsx", CSV: "csv"}, "a CSV or XLSX file", text_allowed=True),
    "csv": Kind({CSV: "csv"}, "a CSV text file", text_allowed=True),
}


@dataclass(frozen=True)
class Accepted:
    mime: str
    extension: str


def limit_bytes(kind: str) -> int:
    """The largest file of this kind accepted (settings.UPLOAD_LIMIT_BYTES)."""
    return settings.UPLOAD_LIMIT_BYTES[kind]


def _mb(size: int) -> str:
    return f"{size / 1048576:.1f}".removesuffix(".0")


def help_text(kind: str) -> str:
    """What a form says beside a file field of this kind: "A CSV or XLSX file, up to 10 MB." """
    described = KINDS[kind].described
    return f"{described[0].upper()}{described[1:]}, up to {_mb(limit_bytes(kind))} MB."


def _ooxml(upload) -> str:
    """Word, Excel and PowerPoint files are zip archives: tell them apart by what is inside."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return ""
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return ""
    for prefix, mime in OOXML.items():
        if any(n.startswith(prefix) for n in names):
            return mime
    return ""


def detect_type(upload, *, text_allowed: bool = False) -> str:
    """The file's MIME type judged by its content ("" when unknown)."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    guess = filetype.guess(head)
    mime = guess.mime if guess else ""
    if mime == "application/zip" or mime in OOXML.values():
        mime = _ooxml(upload)
    if not mime and text_allowed and head and b"\x00" not in head:
        mime = CSV
    return mime


def size_problem(name: str, size: int, kind: str) -> str | None:
    """What to say about a file over the limit of its kind; None when it is within it."""
    limit = limit_bytes(kind)
    if size <= limit:
        return None
    return f"{name} is too large: {_mb(size)} MB, and the limit is {_mb(limit)} MB."


def check_upload(upload, kind: str = "document", *, field: str | None = None) -> Accepted:
    """The accepted file's type; ValidationError (on `field` when given) for too large or wrong type."""
    spec = KINDS[kind]
    name = getattr(upload, "name", "") or "The file"
    problem = size_problem(name, upload.size, kind)
    if not problem:
        mime = detect_type(upload, text_allowed=spec.text_allowed)
        if mime not in spec.types:
            problem = f"{name} is not {spec.described} (checked by its content, not its name)."
    if problem:
        raise ValidationError({field: problem} if field else problem)
    upload.content_type = mime
    return Accepted(mime=mime, extension=spec.types[mime])


def stored_name(accepted: Accepted, prefix: str = "") -> str:
    """An internal file name that says nothing of the original: the original is kept in the record."""
    return f"{prefix}{uuid.uuid4().hex}.{accepted.extension}"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files chosen at once: cleaned to a list of files, empty when none was chosen."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []
