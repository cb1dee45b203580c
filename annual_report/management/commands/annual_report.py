from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annual_report.builder import render_children_pdf, render_pdf
from annual_report.periods import UnknownPeriod
from partnership.models import User


class Command(BaseCommand):
    help = "Render a year's annual report to a PDF (the same code as the Generate button)."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="Financial year, e.g. 2024-25")
        parser.add_argument("--output", required=True, help="Where to write the PDF")
        parser.add_argument(
            "--children", action="store_true", help="Build the children's and young people's version instead"
        )
        parser.add_argument(
            "--as-user", default="", help="Username the figures are read as (default: a business unit user)"
        )

    def handle(self, *args, **options):
        user = (
            User.objects.filter(username=options["as_user"]).first()
            if options["as_user"]
            else User.objects.filter(role_assignments__role="business_unit", is_active=True).first()
        )
        if user is None:
            raise CommandError("No business unit user to read the figures as; give --as-user.")
        try:
            if options["children"]:
                pdf, pages = render_children_pdf(options["period"], user=user)
            else:
                pdf, pages = render_pdf(options["period"], user=user, progress=lambda s: self.stdout.write(f"  {s}"))
        except UnknownPeriod as exc:
            raise CommandError(str(exc)) from None
        Path(options["output"]).write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"Wrote {pages} pages to {options['output']}"))
