"""Evidence uploads: size limit, type by content (not by name), stored under internal names."""

import uuid

import filetype
from django import forms

#: MIME types accepted as evidence, as detected from the file's content.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def detect_type(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def check_upload(upload, *, max_bytes: int) -> str:
    """The file's real MIME type if accepted; a clear ValidationError otherwise."""
    if upload.size > max_bytes:
        raise forms.ValidationError(
            f"{upload.name} is {upload.size / 1048576:.1f} MB; the limit is {max_bytes // 1048576} MB."
        )
    mime = detect_type(upload)
    if mime not in ALLOWED_TYPES:
        raise forms.ValidationError(
            f"{upload.name} is not a PDF, Office document or image (checked by its content, not its name)."
        )
    upload.content_type = mime
    return mime


def internal_name(mime: str) -> str:
    return f"{uuid.uuid4().hex}.{ALLOWED_TYPES[mime]}"
