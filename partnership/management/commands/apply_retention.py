from django.core.management.base import BaseCommand

from partnership.retention import apply_retention


class Command(BaseCommand):
    help = "Delete or anonymise personal data older than each strand's RETENTION_DAYS; logged in the security log."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would go; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        for strand, count in apply_retention(dry_run=dry_run).items():
            verb = "would change" if dry_run else "changed"
            self.stdout.write(f"{strand}: {verb} {count} record(s)")
