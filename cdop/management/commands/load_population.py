from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cdop.framework import PopulationFileError, load_population


class Command(BaseCommand):
    help = (
        "Load the child population estimates the panel's rates per 100,000 divide by: a CSV with "
        "year, age_group, population and source (docs/formats.md). A reload replaces revised figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file of population estimates")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            created, updated = load_population(path)
        except PopulationFileError as exc:
            raise CommandError(f"Nothing was loaded:\n{exc}") from None
        self.stdout.write(self.style.SUCCESS(f"Population estimates: {created} new, {updated} updated."))
