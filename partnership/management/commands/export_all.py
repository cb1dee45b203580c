from django.core.management.base import BaseCommand

from partnership.backup import export_all


class Command(BaseCommand):
    help = "Back up every record (with history) and every uploaded file into one zip."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        manifest = export_all(options["file"])
        rows = sum(m["count"] for m in manifest["models"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {rows} records and {len(manifest['files'])} files to {options['file']}")
        )
