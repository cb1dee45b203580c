"""Files through Django's storage API, whichever backend holds them (local folder or bucket)."""

import hashlib
from collections.abc import Iterator

from django.conf import settings
from django.core.files.storage import Storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

CHUNK = 1024 * 1024


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name under `folder`, sorted, as the storage names it (forward slashes)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for sub in sorted(folders):
        yield from walk(storage, prefix + sub)


def read(storage: Storage, name: str) -> bytes:
    with storage.open(name, "rb") as handle:
        return handle.read()


def sha256(storage: Storage, name: str) -> str:
    """SHA-256 of a stored file, read in chunks."""
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


#: How long a link into the bucket given to a person lives (STORAGE_SERVE = "redirect").
SIGNED_LINK_SECONDS = 50


def serve(field_file, *, filename: str, content_type: str | None = None) -> HttpResponseBase:
    """A stored file for a person the calling view has already checked may have it, always as a
    download. Call it only after the permission check: it checks nothing itself.

    With local files, and with a bucket when `STORAGE_SERVE` is "stream" (the default), the file
    is streamed through this process in chunks. With a bucket and `STORAGE_SERVE = "redirect"`
    the answer is a redirect to a link into the private bucket that is signed for this one file
    and expires within a minute (SIGNED_LINK_SECONDS), so the web worker does not carry the bytes;
    the link carries the download name and type, and must not be cached or shared."""
    storage, name = field_file.storage, field_file.name
    if settings.STORAGE_SERVE == "redirect" and _signs_links(storage):
        if not storage.exists(name):
            raise Http404("The stored file is missing")
        disposition = content_disposition_header(as_attachment=True, filename=filename)
        parameters = {"ResponseContentDisposition": disposition}
        if content_type:
            parameters["ResponseContentType"] = content_type
        response = HttpResponseRedirect(storage.url(name, parameters=parameters, expire=SIGNED_LINK_SECONDS))
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404("The stored file is missing") from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def _signs_links(storage: Storage) -> bool:
    """A storage whose url() is a signed link into a private bucket (django-storages' S3)."""
    return bool(getattr(storage, "querystring_auth", False)) and hasattr(storage, "bucket_name")
