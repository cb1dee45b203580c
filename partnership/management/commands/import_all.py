from django.core.management.base import BaseCommand, CommandError

from partnership.backup import RestoreError, import_all


class Command(BaseCommand):
    help = "Restore a backup made by export_all into an empty, migrated database, checking counts and checksums."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            manifest = import_all(options["file"])
        except RestoreError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(m["count"] for m in manifest["models"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Restored {rows} records and {len(manifest['files'])} files; checksums match.")
        )
