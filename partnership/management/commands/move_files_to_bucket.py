"""Copy every file kept under MEDIA_ROOT into the bucket named by STORAGE_BUCKET, checking each
copy's SHA-256 against the original; with --delete-local, remove an original once its copy
is verified. Run again after an interruption: files already copied are checked, not re-sent."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError

from bscp_portal.lib import storage


class Command(BaseCommand):
    help = "Move uploaded and generated files from MEDIA_ROOT into the object storage bucket, verified."

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete-local", action="store_true", help="Remove each local file once its copy is verified."
        )
        parser.add_argument("--dry-run", action="store_true", help="List what would be copied; change nothing.")

    def handle(self, *args, delete_local=False, dry_run=False, **options):
        if not settings.STORAGE_BUCKET:
            raise CommandError("STORAGE_BUCKET is not set: the files already live in MEDIA_ROOT.")
        local = FileSystemStorage(location=settings.MEDIA_ROOT)
        copied = present = failed = 0
        for name in storage.walk(local):
            digest = storage.sha256(local, name)
            if default_storage.exists(name) and storage.sha256(default_storage, name) == digest:
                present += 1
            elif dry_run:
                self.stdout.write(f"would copy {name}")
                copied += 1
                continue
            else:
                if default_storage.exists(name):
                    default_storage.delete(name)  # a partial or different copy from an earlier run
                saved = default_storage.save(name, ContentFile(storage.read(local, name)))
                if saved != name or storage.sha256(default_storage, name) != digest:
                    self.stderr.write(f"checksum differs after copying {name}; the local file is kept")
                    failed += 1
                    continue
                copied += 1
            if delete_local and not dry_run:
                local.delete(name)
        verb = "would copy" if dry_run else "copied"
        self.stdout.write(f"{verb} {copied}, already in the bucket {present}, failed {failed}")
        if failed:
            raise CommandError(f"{failed} file(s) could not be verified in the bucket")
