"""Build the PAQA meeting pack PDF: the same code as the Celery task behind the button."""

import datetime as dt
import shutil

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from governance import summary as governance_summary
from paqa import pack as pack_builder
from paqa import services


class Command(BaseCommand):
    help = "Build the PAQA meeting pack for a meeting date (or the next PAQA meeting) and write the PDF."

    def add_arguments(self, parser):
        parser.add_argument("--meeting", required=True, help='YYYY-MM-DD, or "next" for the next PAQA meeting')
        parser.add_argument("--output", required=True, help="where to write the PDF")

    def handle(self, *args, meeting, output, **options):
        if meeting == "next":
            found = governance_summary.next_meeting(body_code="paqa", after=timezone.localdate())
            if found is None:
                raise CommandError("No PAQA meeting is scheduled from today on.")
            day = found["date"]
        else:
            try:
                day = dt.date.fromisoformat(meeting)
            except ValueError as exc:
                raise CommandError(f'--meeting must be a date like 2026-12-10 or "next", not {meeting!r}.') from exc
        pack = services.pack_request(meeting_date=day, by=None, queue=False)
        pack = pack_builder.pack_build(pack_id=pack.pk)
        with pack.pdf.open("rb") as src, open(output, "wb") as dst:
            shutil.copyfileobj(src, dst)
        self.stdout.write(f"{pack} written to {output}")
