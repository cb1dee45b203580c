"""What import_indicators and import_measurements share: the upload page's own plan and write."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from partnership.models import User
from scorecard import services

SHOW_REFUSED = 200


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file (see docs/formats.md)")
        parser.add_argument("--dry-run", action="store_true", help="Show every row's fate; write nothing.")
        parser.add_argument("--user", default="", help="Username recorded as having entered the figures.")
        parser.add_argument("--verbose-rows", action="store_true", help="List every row, not only refused ones.")

    def handle(self, *args, file: str, dry_run: bool, user: str, verbose_rows: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        by = None
        if user:
            by = User.objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"No such user: {user}")
        try:
            plan = services.import_run(
                kind=self.kind, data=path.read_bytes(), user=by, dry_run=dry_run, file_label=path.name
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        refused = [f for f in plan.fates if f.fate == "refused"]
        for fate in plan.fates if verbose_rows else refused[:SHOW_REFUSED]:
            detail = fate.reason or "; ".join(f"{n}: {o or '(none)'} -> {v or '(none)'}" for n, o, v in fate.changes)
            self.stdout.write(f"Row {fate.row}: {fate.fate} {fate.key}: {detail}".rstrip(": "))
        if not verbose_rows and len(refused) > SHOW_REFUSED:
            self.stdout.write(f"... and {len(refused) - SHOW_REFUSED} more refused rows")
        if plan.extra_columns:
            self.stdout.write(f"Ignored columns: {', '.join(plan.extra_columns)}")
        counts = plan.counts
        if not plan.fates:
            raise CommandError(f"{path.name} has no rows below its header row: nothing was imported.")
        if counts["refused"] == len(plan.fates):
            raise CommandError(
                f"Every row of {path.name} was refused ({counts['refused']}), so nothing was written. "
                "Correct the rows listed above and import the file again."
            )
        verb = "Would write" if dry_run else "Wrote"
        self.stdout.write(
            f"{verb} {plan.writes} rows: {counts['new']} new, {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged, {counts['refused']} refused."
        )
