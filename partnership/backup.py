"""Full backup and restore of a partnership: every record (history included) and every
uploaded file, in one zip with a manifest of counts and checksums."""

import hashlib
import io
import json
import zipfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from bscp_portal.lib import storage

# Derived data (stored indicator statuses) is left out: it is assessed again after a restore.
EXCLUDED = {"contenttypes", "auth.permission", "sessions", "scorecard.indicatorstatus"}


def _models():
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label not in EXCLUDED
        and m._meta.label_lower not in EXCLUDED
        and not m._meta.proxy
        and m._meta.managed
    ]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def model_checksums() -> dict[str, dict]:
    """Count and checksum of every model's rows, in primary-key order."""
    result = {}
    for model in _models():
        rows = model._default_manager.order_by("pk")
        text = serializers.serialize("json", rows, use_natural_foreign_keys=True)
        result[model._meta.label] = {"count": rows.count(), "sha256": _sha256(text.encode())}
    return result


def media_files() -> dict[str, str]:
    """Every stored file (local folder or bucket) and its SHA-256."""
    return {name: storage.sha256(default_storage, name) for name in storage.walk(default_storage)}


def export_all(path: str) -> dict:
    """Write every record and uploaded file to a zip; returns the manifest."""
    buffer = io.StringIO()
    call_command(
        "dumpdata",
        *[m._meta.label for m in _models()],
        natural_foreign=True,
        stdout=buffer,
        # XML keeps datetimes to the microsecond; Django's JSON encoder cuts them to milliseconds.
        format="xml",
    )
    data = buffer.getvalue().encode()
    manifest = {"models": model_checksums(), "files": media_files(), "data_sha256": _sha256(data)}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("data.xml", data)
        for name in manifest["files"]:
            z.writestr(f"media/{name}", storage.read(default_storage, name))
        z.writestr("manifest.json", json.dumps(manifest, indent=1))
    return manifest


class RestoreError(Exception):
    pass


def import_all(path: str) -> dict:
    """Restore a backup into an empty database; verify counts and checksums against the manifest."""
    from partnership.models import Agency

    if Agency.objects.exists():
        raise RestoreError("The database is not empty: restore only into a freshly migrated database.")
    with zipfile.ZipFile(path) as z:
        manifest = json.loads(z.read("manifest.json"))
        data = z.read("data.xml")
        if _sha256(data) != manifest["data_sha256"]:
            raise RestoreError("The backup's data does not match its checksum.")
        with transaction.atomic():
            fixture = Path(settings.VAR_DIR) / "restore-fixture.xml"
            fixture.parent.mkdir(parents=True, exist_ok=True)
            fixture.write_bytes(data)
            try:
                call_command("loaddata", str(fixture), verbosity=0)
            finally:
                fixture.unlink(missing_ok=True)
            for name, digest in manifest["files"].items():
                content = z.read(f"media/{name}")
                if _sha256(content) != digest:
                    raise RestoreError(f"File {name} does not match its checksum.")
                if default_storage.exists(name):
                    default_storage.delete(name)
                default_storage.save(name, ContentFile(content))
            restored = model_checksums()
            wrong = [label for label, want in manifest["models"].items() if restored.get(label) != want]
            if wrong:
                raise RestoreError(f"Restored records differ from the backup for: {', '.join(wrong)}")
    return manifest
