"""Files through Django's storage API, whichever backend holds them (local folder or bucket)."""

import hashlib
from collections.abc import Iterator

from django.core.files.storage import Storage

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
